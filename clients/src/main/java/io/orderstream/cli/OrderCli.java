package io.orderstream.cli;

import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;

import io.grpc.StatusRuntimeException;

/**
 * Command-line client for orderstream, on the gRPC service {@code orderstream.v1.OrderService}.
 * <pre>
 * orderstream [--target host:port] [--token T] [--json] COMMAND ...
 *   submit --token-in SOL --token-out USDC --amount 10 [--slippage 0.5] [--client-order-id K] [--watch]
 *   watch ID [--after-seq N]
 *   get ID
 *   list [--status S] [--page-size N] [--page-token T]
 *   cancel ID
 * </pre>
 * Exit status: 0 success (watch: confirmed), 1 error, 2 order failed, 3 order cancelled,
 * 64 wrong command line.
 */
public final class OrderCli {
    /** Target when none is given: the gateway's one Helidon port. */
    public static final String DEFAULT_TARGET = "localhost:8080";
    /** The environment variable of the token when {@code --token} is not given. */
    public static final String TOKEN_VARIABLE = "ORDERSTREAM_TOKEN";

    static final String USAGE = """
            usage: orderstream [--target host:port] [--token T] [--json] COMMAND [ARGS]

            commands:
              submit --token-in SOL --token-out USDC --amount 10 [--slippage 0.5]
                     [--client-order-id KEY] [--watch]
                                     submit a market order and print its id
                                     (--watch: then watch it like 'watch')
              watch ID [--after-seq N]
                                     follow an order live until it ends
              get ID                 show one order
              list [--status S] [--page-size N] [--page-token T]
                                     list orders, newest first
              cancel ID              cancel an order not yet submitted to a DEX

            options:
              --target host:port     gRPC address of the gateway (default localhost:8080;
                                     the Netty gRPC port, default 9090, works too)
              --token T              bearer token sent with every call: a JWT (e.g. from
                                     'java -jar orderstream-server.jar --dev-token') or an
                                     API key; default: the ORDERSTREAM_TOKEN environment
                                     variable. Not needed while the gateway runs without auth
              --json                 one JSON object per line: each result or event
                                     (errors as a google.rpc.Status object on stderr)

            tokens: SOL USDC USDT BONK JUP RAY WIF
            exit status: 0 ok (watch: order confirmed), 1 error, 2 order failed,
                         3 order cancelled, 64 wrong command line
            """;

    private static final Map<String, Command> COMMANDS = Map.of(
            "submit", new SubmitCommand(),
            "watch", new WatchCommand(),
            "get", new GetCommand(),
            "list", new ListCommand(),
            "cancel", new CancelCommand());

    private OrderCli() {
    }

    /**
     * Runs the CLI.
     *
     * @param args command line
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs one command, in-process.
     *
     * @param argv the command line
     * @param out  results
     * @param err  errors and notes
     * @return exit status: 0 ok, 1 error, 2 order failed, 3 order cancelled, 64 wrong command line
     */
    public static int run(String[] argv, PrintStream out, PrintStream err) {
        Args args;
        try {
            args = Args.parse(argv);
        } catch (UsageException e) {
            new Output(out, err, false).usage(e.getMessage(), USAGE);
            return ExitCode.USAGE;
        }
        Output output = new Output(out, err, args.flag("json"));
        if (args.flag("help")) {
            out.print(USAGE);
            return ExitCode.OK;
        }
        if (args.command().isEmpty()) {
            output.usage("no command given", USAGE);
            return ExitCode.USAGE;
        }
        Command command = COMMANDS.get(args.command().get());
        if (command == null) {
            output.usage("unknown command '" + args.command().get() + "'", USAGE);
            return ExitCode.USAGE;
        }
        String target = args.option("target").orElse(DEFAULT_TARGET);
        Connection opened;
        try {
            opened = new Connection(target, args.option("token")
                    .or(() -> Optional.ofNullable(System.getenv(TOKEN_VARIABLE)))
                    .map(String::trim)
                    .filter(token -> !token.isEmpty()));
        } catch (IllegalArgumentException e) {
            output.usage("bad --target '" + target + "' (want host:port): " + e.getMessage(), USAGE);
            return ExitCode.USAGE;
        }
        try (Connection connection = opened) {
            return command.run(args, connection, output, err);
        } catch (UsageException e) {
            output.usage(e.getMessage(), USAGE);
            return ExitCode.USAGE;
        } catch (StatusRuntimeException e) {
            output.rpcError(e, target);
            return ExitCode.ERROR;
        } finally {
            out.flush();
            err.flush();
        }
    }
}

package io.orderstream.cli;

import java.io.PrintStream;
import java.util.Optional;
import java.util.concurrent.Callable;

import io.grpc.StatusRuntimeException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code orderstream}: the options every command shares (inherited, so they may stand before or
 * after the command), and the one place a command's connection is opened and its failed calls
 * are reported.
 */
@Command(name = "orderstream",
         description = "Submits orderstream market orders and follows them live over gRPC.",
         synopsisSubcommandLabel = "COMMAND",
         subcommands = {SubmitCommand.class, WatchCommand.class, GetCommand.class, ListCommand.class,
                 CancelCommand.class, ReplayCommand.class},
         footerHeading = "%n",
         footer = {"tokens: SOL USDC USDT BONK JUP RAY WIF",
                 "exit status: 0 ok (watch: order confirmed), 1 error, 2 order failed,",
                 "             3 order cancelled, 64 wrong command line"})
final class RootCommand implements Callable<Integer> {
    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;

    @Spec
    private CommandSpec spec;

    @Option(names = "--target", paramLabel = "host:port", scope = ScopeType.INHERIT,
            description = "gRPC address of the gateway (default " + OrderCli.DEFAULT_TARGET
                    + "; the Netty gRPC port, default 9090, works too)")
    private String target = OrderCli.DEFAULT_TARGET;

    @Option(names = "--token", paramLabel = "T", scope = ScopeType.INHERIT,
            description = "bearer token sent with every call: a JWT (e.g. from 'java -jar "
                    + "orderstream-server.jar --dev-token') or an API key; default: the " + OrderCli.TOKEN_VARIABLE
                    + " environment variable. Not needed while the gateway runs without auth")
    private String token;

    @Option(names = "--json", scope = ScopeType.INHERIT,
            description = "one JSON object per line: each result or event (errors as a google.rpc.Status "
                    + "object on stderr)")
    private boolean json;

    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT, description = "show this help")
    private boolean help;

    RootCommand(PrintStream out, PrintStream err, boolean terminal) {
        this.out = out;
        this.err = err;
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "no command given");
    }

    /**
     * Runs a command on a connection to the gateway: a failed call is reported (with its field
     * violations) and exits {@link ExitCode#ERROR}.
     */
    int execute(GatewayCommand command, CommandSpec commandSpec) {
        Output output = new Output(out, err, json, terminal && !json);
        Connection opened;
        try {
            opened = new Connection(target, Optional.ofNullable(token)
                    .or(() -> Optional.ofNullable(System.getenv(OrderCli.TOKEN_VARIABLE)))
                    .map(String::trim)
                    .filter(value -> !value.isEmpty()));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(commandSpec.commandLine(),
                                         "bad --target '" + target + "' (want host:port): " + e.getMessage());
        }
        try (Connection connection = opened) {
            return command.run(connection, output, err);
        } catch (StatusRuntimeException e) {
            output.rpcError(e, target);
            return ExitCode.ERROR;
        }
    }
}

package io.orderstream.cli;

import java.io.Console;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;

import picocli.CommandLine;

/**
 * Command-line client for orderstream, on the gRPC service {@code orderstream.v1.OrderService}.
 * <pre>
 * orderstream [--target host:port] [--token T] [--json] COMMAND ...
 *   submit --token-in SOL --token-out USDC --amount 10 [--slippage 0.5] [--client-order-id K] [--watch]
 *   watch ID [--after-seq N]
 *   get ID
 *   list [--status S] [--failure-code C] [--page-size N] [--page-token T]
 *   cancel ID
 *   replay ID [--watch]
 * </pre>
 * The command line is parsed by picocli (the commands are the classes named {@code *Command});
 * the global options may also stand after the command. Exit status: 0 success (watch:
 * confirmed), 1 error, 2 order failed, 3 order cancelled, 64 wrong command line.
 */
public final class OrderCli {
    /** Target when none is given: the gateway's one Helidon port. */
    public static final String DEFAULT_TARGET = "localhost:8080";
    /** The environment variable of the token when {@code --token} is not given. */
    public static final String TOKEN_VARIABLE = "ORDERSTREAM_TOKEN";

    private OrderCli() {
    }

    /**
     * Runs the CLI; a watched order is drawn as an in-place progress bar when stdout is a terminal.
     *
     * @param args command line
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, stdoutIsTerminal()));
    }

    /**
     * Runs one command, in-process, writing lines (never terminal controls) to {@code out}.
     *
     * @param argv the command line
     * @param out  results
     * @param err  errors and notes
     * @return exit status: 0 ok, 1 error, 2 order failed, 3 order cancelled, 64 wrong command line
     */
    public static int run(String[] argv, PrintStream out, PrintStream err) {
        return run(argv, out, err, false);
    }

    /**
     * Runs one command, in-process.
     *
     * @param argv     the command line
     * @param out      results
     * @param err      errors and notes
     * @param terminal whether {@code out} is a terminal, where a watched order is drawn in place
     * @return exit status, as {@link #run(String[], PrintStream, PrintStream)}
     */
    public static int run(String[] argv, PrintStream out, PrintStream err, boolean terminal) {
        PrintWriter outWriter = new PrintWriter(out, true);
        PrintWriter errWriter = new PrintWriter(err, true);
        CommandLine commandLine = new CommandLine(new RootCommand(out, err, terminal))
                .setOut(outWriter)
                .setErr(errWriter)
                .setParameterExceptionHandler(new UsageErrors());
        try {
            return commandLine.execute(argv);
        } finally {
            outWriter.flush();
            errWriter.flush();
            out.flush();
            err.flush();
        }
    }

    /**
     * Whether stdout is an interactive terminal that understands carriage returns and ANSI erase:
     * JDK 21's console exists only then; JDK 22+ always has one and says so with
     * {@code isTerminal()}, called reflectively because the CLI is built for Java 21.
     */
    private static boolean stdoutIsTerminal() {
        Console console = System.console();
        if (console == null || "dumb".equals(System.getenv("TERM"))) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (IllegalAccessException | InvocationTargetException e) {
            return false;
        }
    }
}

package io.orderstream.cli;

import java.io.PrintStream;

/** One CLI command. Throws {@link UsageException} for a wrong command line. */
interface Command {
    /**
     * Runs the command.
     *
     * @param args       the whole command line
     * @param connection the channel to the gateway
     * @param output     where results go
     * @param err        for notes that are not results
     * @return exit status, see {@link ExitCode}
     */
    int run(Args args, Connection connection, Output output, PrintStream err);
}

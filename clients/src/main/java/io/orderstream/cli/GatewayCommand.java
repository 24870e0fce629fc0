package io.orderstream.cli;

import java.io.PrintStream;
import java.util.concurrent.Callable;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * A CLI command that talks to the gateway. Picocli parses its command line into the subclass's
 * fields (and these two, which it finds in this superclass too); the root command then opens the
 * connection and calls {@link #run}. A wrong value throws picocli's {@code ParameterException},
 * which ends in {@link UsageErrors}.
 */
abstract class GatewayCommand implements Callable<Integer> {
    @ParentCommand
    private RootCommand root;
    @Spec
    private CommandSpec spec;

    /** Checks what picocli cannot, then runs the command through the root's connection. */
    @Override
    public final Integer call() {
        check();
        return root.execute(this, spec);
    }

    /**
     * Checks the parsed values before anything is opened; none to check unless overridden.
     *
     * @throws picocli.CommandLine.ParameterException when a value is wrong
     */
    void check() {
    }

    /**
     * This command's model, for usage errors.
     *
     * @return the spec picocli made of it
     */
    final CommandSpec spec() {
        return spec;
    }

    /**
     * Runs the command.
     *
     * @param connection the channel to the gateway
     * @param output     where results go
     * @param err        for notes that are not results
     * @return exit status, see {@link ExitCode}
     */
    abstract int run(Connection connection, Output output, PrintStream err);
}

package io.orderstream.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.OverwrittenOptionException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A wrong command line, wherever picocli or a command found it: one {@code error:} line that
 * says what is wrong in the CLI's own words, then the usage of the command it concerns, and
 * {@link ExitCode#USAGE}.
 */
final class UsageErrors implements CommandLine.IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("error: " + message(e));
        err.println();
        command.usage(err);
        err.flush();
        return ExitCode.USAGE;
    }

    static String message(ParameterException e) {
        CommandLine command = e.getCommandLine();
        if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            String first = unmatched.getUnmatched().getFirst();
            if (first.startsWith("-")) {
                int equals = first.indexOf('=');
                return "unknown option " + (equals > 0 ? first.substring(0, equals) : first);
            }
            if (!command.getSubcommands().isEmpty()) {
                return "unknown command '" + first + "'";
            }
            return "unexpected argument '" + first + "'";
        }
        if (e instanceof MissingParameterException missing && !missing.getMissing().isEmpty()) {
            ArgSpec arg = missing.getMissing().getFirst();
            if (arg instanceof OptionSpec option) {
                return option.longestName() + " is required";
            }
            return command.getCommandName() + " needs " + arg.paramLabel();
        }
        if (e instanceof OverwrittenOptionException overwritten
                && overwritten.getOverwritten() instanceof OptionSpec option) {
            return option.longestName() + " is given twice";
        }
        return e.getMessage();
    }
}

package io.orderstream.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A command line split into positional arguments, valued options ({@code --name value} or
 * {@code --name=value}) and flags ({@code --json}). Options may stand anywhere.
 */
final class Args {
    private static final Set<String> FLAGS = Set.of("json", "watch", "help");

    private final List<String> positionals;
    private final Map<String, String> options;

    private Args(List<String> positionals, Map<String, String> options) {
        this.positionals = positionals;
        this.options = options;
    }

    static Args parse(String[] argv) {
        List<String> positionals = new ArrayList<>();
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < argv.length; i++) {
            String arg = argv[i];
            if (arg.equals("-h")) {
                options.put("help", "true");
            } else if (arg.startsWith("--") && arg.length() > 2) {
                String name = arg.substring(2);
                String value;
                int equals = name.indexOf('=');
                if (equals >= 0) {
                    value = name.substring(equals + 1);
                    name = name.substring(0, equals);
                } else if (FLAGS.contains(name)) {
                    value = "true";
                } else if (i + 1 < argv.length) {
                    value = argv[++i];
                } else {
                    throw new UsageException("--" + name + " needs a value");
                }
                if (options.put(name, value) != null) {
                    throw new UsageException("--" + name + " is given twice");
                }
            } else {
                positionals.add(arg);
            }
        }
        return new Args(positionals, options);
    }

    /** The command name, or empty when none was given. */
    Optional<String> command() {
        return positionals.isEmpty() ? Optional.empty() : Optional.of(positionals.getFirst());
    }

    /** The one positional argument after the command, e.g. the order id of {@code watch ID}. */
    String operand(String name) {
        if (positionals.size() < 2) {
            throw new UsageException(positionals.getFirst() + " needs " + name);
        }
        if (positionals.size() > 2) {
            throw new UsageException("unexpected argument '" + positionals.get(2) + "'");
        }
        return positionals.get(1);
    }

    /** Fails unless the command took no positional argument. */
    void noOperands() {
        if (positionals.size() > 1) {
            throw new UsageException("unexpected argument '" + positionals.get(1) + "'");
        }
    }

    boolean flag(String name) {
        return options.containsKey(name);
    }

    Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    String required(String name) {
        return option(name).orElseThrow(() -> new UsageException("--" + name + " is required"));
    }

    long number(String name, long defaultValue) {
        Optional<String> value = option(name);
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            return Long.parseLong(value.get().trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a whole number, got '" + value.get() + "'");
        }
    }

    /** Fails on any option this command does not know, so typos are not silently ignored. */
    void allowOnly(Set<String> known) {
        for (String name : options.keySet()) {
            if (!known.contains(name)) {
                throw new UsageException("unknown option --" + name);
            }
        }
    }
}

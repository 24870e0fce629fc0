package io.orderstream.server;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.orderstream.auth.AuthSettings;
import io.orderstream.auth.DevTokens;
import io.orderstream.desk.Scope;

/**
 * {@code java -jar orderstream-server.jar --dev-token [--subject alice] [--scopes orders:read,orders:write]
 * [--minutes 60]}: prints an HS256 token signed with the configured secret, for trying {@code jwt}
 * mode on one's own machine.
 */
final class DevTokenCommand {
    /** Exit status of a wrong command line (sysexits' EX_USAGE). */
    static final int USAGE = 64;
    static final String HELP = """
            usage: java -jar orderstream-server.jar --dev-token [--subject NAME]
                        [--scopes orders:read,orders:write,orders:admin] [--minutes N]
            Prints an HS256 token signed with orderstream.auth.jwt.secret (ORDERSTREAM_AUTH_JWT_SECRET),
            with the configured issuer and audience. Defaults: subject dev, scopes orders:read,orders:write,
            60 minutes.
            """;

    private DevTokenCommand() {
    }

    /**
     * Mints and prints a token.
     *
     * @param args     the command line, starting with {@code --dev-token}
     * @param settings the gateway's auth settings: secret, issuer, audience
     * @param out      where the token goes, alone on its line
     * @param err      where usage and errors go
     * @return exit status: 0 printed, 1 no secret configured, 64 wrong command line
     */
    static int run(List<String> args, AuthSettings settings, PrintStream out, PrintStream err) {
        String subject = "dev";
        Set<Scope> scopes = EnumSet.of(Scope.READ, Scope.WRITE);
        long minutes = 60;
        List<String> rest = new ArrayList<>(args.subList(1, args.size()));
        try {
            while (!rest.isEmpty()) {
                String option = rest.removeFirst();
                if (rest.isEmpty()) {
                    throw new IllegalArgumentException(option + " needs a value");
                }
                String value = rest.removeFirst();
                switch (option) {
                case "--subject" -> subject = value;
                case "--scopes" -> scopes = scopes(value);
                case "--minutes" -> minutes = minutes(value);
                default -> throw new IllegalArgumentException("unknown option " + option);
                }
            }
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.print(HELP);
            return USAGE;
        }
        try {
            out.println(DevTokens.mint(settings, subject, scopes, Duration.ofMinutes(minutes), Clock.systemUTC()));
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private static Set<Scope> scopes(String list) {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String name : list.split(",")) {
            if (!name.isBlank()) {
                scopes.add(Scope.fromWireName(name.trim()).orElseThrow(
                        () -> new IllegalArgumentException("unknown scope '" + name.trim() + "'")));
            }
        }
        return scopes;
    }

    private static long minutes(String value) {
        try {
            long minutes = Long.parseLong(value.trim());
            if (minutes >= 1 && minutes <= 24 * 60) {
                return minutes;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException("--minutes must be from 1 to 1440, got '" + value + "'");
    }
}

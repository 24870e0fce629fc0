package io.orderstream.auth;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Keeps {@code none} mode, where everyone is anonymous and may do everything, to the machine
 * itself: a gateway whose listeners bind anywhere but loopback refuses to start in that mode
 * unless {@code orderstream.auth.anonymous.allowed} says it is meant.
 */
public final class AnonymousAccess {
    private AnonymousAccess() {
    }

    /**
     * Checks the addresses the gateway is about to bind.
     *
     * @param settings the auth settings
     * @param hosts    every listener's bind address (host name or IP literal)
     * @throws IllegalStateException when {@code none} mode would be reachable from other machines
     *                               without being allowed
     */
    public static void check(AuthSettings settings, Collection<String> hosts) {
        if (settings.mode() != AuthMode.NONE || settings.anonymousAllowed()) {
            return;
        }
        List<String> exposed = hosts.stream().filter(host -> !loopback(host)).distinct().toList();
        if (!exposed.isEmpty()) {
            throw new IllegalStateException("Refusing to start: " + AuthSettings.MODE.name() + " is none (every"
                    + " caller is anonymous and may see and cancel every order) but the gateway would listen on "
                    + String.join(", ", exposed) + ", which is not loopback. Set " + AuthSettings.MODE.name()
                    + "=jwt with " + AuthSettings.JWT_SECRET.name() + " or " + AuthSettings.JWT_JWKS.name()
                    + ", or bind to 127.0.0.1, or set " + AuthSettings.ANONYMOUS_ALLOWED.name()
                    + "=true if anonymous access from the network is really meant");
        }
    }

    /** Whether every address a host name stands for is loopback; an unresolvable one is not. */
    private static boolean loopback(String host) {
        try {
            InetAddress[] addresses = InetAddress.getAllByName(host);
            return addresses.length > 0 && Arrays.stream(addresses).allMatch(InetAddress::isLoopbackAddress);
        } catch (UnknownHostException e) {
            return false;
        }
    }
}

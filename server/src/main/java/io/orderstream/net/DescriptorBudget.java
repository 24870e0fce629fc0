package io.orderstream.net;

import java.lang.management.ManagementFactory;
import java.util.Optional;
import java.util.logging.Logger;

import com.sun.management.UnixOperatingSystemMXBean;

/**
 * Checks at start that the connection caps of both ports fit in the process's file descriptor
 * limit, beside the descriptors already open. If they do not, a flood can take every
 * descriptor before a cap is reached: accepting then fails (Netty pauses; Helidon's listener
 * ends and is started again, dropping its connections), and so does anything else that opens a
 * file or a socket. The gateway still starts, with a WARNING saying what to change.
 */
public final class DescriptorBudget {
    private static final Logger LOG = Logger.getLogger(DescriptorBudget.class.getName());
    // Descriptors the process opens while it runs (database and Redis connections, pollers, logs).
    private static final long HEADROOM = 100;

    private DescriptorBudget() {
    }

    /**
     * Logs a WARNING if the caps do not fit; does nothing where the limit cannot be read.
     *
     * @param httpConnections cap of the Helidon port, -1 for none
     * @param grpcConnections cap of the Netty port
     */
    public static void check(int httpConnections, int grpcConnections) {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean system) {
            shortfall(httpConnections, grpcConnections, system.getOpenFileDescriptorCount(),
                      system.getMaxFileDescriptorCount())
                    .ifPresent(LOG::warning);
        }
    }

    /**
     * What is wrong with the caps, if anything.
     *
     * @param httpConnections cap of the Helidon port, -1 for none
     * @param grpcConnections cap of the Netty port
     * @param open            descriptors open now
     * @param limit           most descriptors the process may have
     * @return the warning to log, or empty when the caps fit
     */
    static Optional<String> shortfall(int httpConnections, int grpcConnections, long open, long limit) {
        String caps = "server.max-tcp-connections (" + httpConnections + ") and orderstream.grpc.max.connections ("
                + grpcConnections + ")";
        if (httpConnections < 0) {
            return Optional.of("server.max-tcp-connections is not set: the HTTP port takes connections until the "
                    + "process's " + limit + " file descriptors run out");
        }
        long needed = open + HEADROOM + httpConnections + grpcConnections;
        if (needed <= limit) {
            return Optional.empty();
        }
        return Optional.of(caps + ", with the " + open + " descriptors open now and " + HEADROOM
                + " to spare, need " + needed + " file descriptors, more than this process may have (" + limit
                + "): a flood can take them all before a cap is reached. Lower the caps or raise the limit "
                + "(ulimit -n)");
    }
}

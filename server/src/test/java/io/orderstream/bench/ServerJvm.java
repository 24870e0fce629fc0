package io.orderstream.bench;

import java.util.List;

/**
 * How the benchmark starts every gateway and worker JVM: as {@code run.sh} starts the gateway,
 * with its heap bound and the JVM's own collector choice, so the figures are those of the
 * README's command and the setups differ only in their layout. The children run on this JVM's
 * Java.
 */
final class ServerJvm {
    /** The options of {@code run.sh}: its heap bound and the ones that keep the JDK from warning. */
    static final List<String> OPTIONS = Runtime.version().feature() >= 24
            ? List.of("-Xmx1g", "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow")
            : List.of("-Xmx1g", "--enable-native-access=ALL-UNNAMED");

    private ServerJvm() {
    }
}

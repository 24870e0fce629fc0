package io.orderstream.bench;

/**
 * The machine a run measured on, as the first line of each table.
 */
final class Machine {
    private Machine() {
    }

    /**
     * Cores, JDK and operating system.
     *
     * @return one line
     */
    static String line() {
        return String.format("machine: %d cores (Runtime.availableProcessors, shared by servers and client), JDK %s"
                                     + " (%s %s), %s %s %s",
                             Runtime.getRuntime().availableProcessors(), Runtime.version(),
                             System.getProperty("java.vm.vendor"), System.getProperty("java.vm.name"),
                             System.getProperty("os.name"), System.getProperty("os.version"),
                             System.getProperty("os.arch"));
    }
}

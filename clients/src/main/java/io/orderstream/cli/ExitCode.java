package io.orderstream.cli;

/** What the CLI's exit status means; scripts depend on these numbers. */
final class ExitCode {
    /** The command succeeded; for {@code watch}, the order was confirmed. */
    static final int OK = 0;
    /** The call failed: unreachable server, unknown order, invalid order, ... */
    static final int ERROR = 1;
    /** The watched order failed. */
    static final int ORDER_FAILED = 2;
    /** The watched order was cancelled. */
    static final int ORDER_CANCELLED = 3;
    /** The command line is wrong. */
    static final int USAGE = 64;

    private ExitCode() {
    }
}

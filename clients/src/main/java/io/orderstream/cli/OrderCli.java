package io.orderstream.cli;

/** Command-line client for orderstream. */
public final class OrderCli {
    private OrderCli() {
    }

    public static void main(String[] args) {
        System.out.println("orderstream cli");
    }
}

package io.orderstream.order;

/**
 * Whether text is plain ASCII, before it is compared without regard to case: Unicode case
 * mapping folds some other letters onto ASCII ones.
 */
final class Ascii {
    private Ascii() {
    }

    static boolean isAscii(String text) {
        return text.chars().allMatch(c -> c < 0x80);
    }
}

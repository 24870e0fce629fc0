package io.orderstream.dexsim;

import java.math.BigInteger;

/**
 * Bitcoin-alphabet base58, the encoding of Solana signatures and addresses.
 */
final class Base58 {
    private static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final BigInteger BASE = BigInteger.valueOf(58);

    private Base58() {
    }

    static String encode(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        BigInteger value = new BigInteger(1, bytes);
        while (value.signum() > 0) {
            BigInteger[] divmod = value.divideAndRemainder(BASE);
            out.append(ALPHABET.charAt(divmod[1].intValue()));
            value = divmod[0];
        }
        // Each leading zero byte is written as the alphabet's first character.
        for (int i = 0; i < bytes.length && bytes[i] == 0; i++) {
            out.append(ALPHABET.charAt(0));
        }
        return out.reverse().toString();
    }
}

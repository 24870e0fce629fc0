package io.orderstream.abuse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import io.orderstream.proto.v1.SubmitOrderRequest;
import io.orderstream.proto.v1.WatchOrderRequest;

import com.google.protobuf.CodedOutputStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * What a careless or hostile client might send, as jqwik arbitraries: JSON-ish order bodies,
 * WebSocket messages and protobuf bytes. Each mixes the well-formed (so the server's real paths
 * run), the nearly well-formed (fields of the wrong type, numbers at the edge, a byte flipped)
 * and plain junk.
 */
final class FuzzInputs {
    private static final List<String> ORDER_FIELDS = List.of("tokenIn", "tokenOut", "amount", "slippage");
    private static final List<String> TOKENS = List.of("SOL", "USDC", "USDT", "BONK", "JUP", "RAY", "WIF",
                                                       "sol", " usdc ", "W\u0131F", "\u017Fol", "", "BTC");
    private static final List<String> VALID_TOKENS = List.of("SOL", "USDC", "USDT", "BONK", "JUP", "RAY", "WIF");
    private static final List<String> VALID_AMOUNTS = List.of("1", "0.5", "10", "1e3", "250.123456789", "999999999999");
    private static final List<String> NUMBERS = List.of(
            "0", "-0", "1", "-1", "0.5", "10", "1e3", "1E+2", "1e-9", "1e400", "-1e-400", "1e2147483648",
            "0e-2147483648", "123456789012345678901234567890", "1000000000000", "1000000000000.000000001",
            "0.0000000001", "50", "50.00001", "NaN", "Infinity", "-Infinity", "0x10", "01", "1.", ".5", "1_000",
            "9".repeat(400), "1" + "0".repeat(39));

    private FuzzInputs() {
    }

    /**
     * Bodies for {@code POST /api/orders/execute}: order-like JSON, other JSON, mangled JSON,
     * text and bytes in encodings JSON does and does not allow.
     *
     * @return request bodies
     */
    static Arbitrary<byte[]> orderBodies() {
        Arbitrary<String> json = Arbitraries.frequencyOf(
                Tuple.of(3, validOrder()),
                Tuple.of(5, orderObject()),
                Tuple.of(2, jsonValue(3)),
                Tuple.of(2, mangled(orderObject())),
                Tuple.of(1, text()));
        Arbitrary<Charset> charset = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(StandardCharsets.UTF_8)),
                Tuple.of(1, Arbitraries.of(StandardCharsets.UTF_16, StandardCharsets.UTF_16LE,
                                           Charset.forName("UTF-32"), StandardCharsets.ISO_8859_1)));
        return Arbitraries.frequencyOf(
                Tuple.of(8, Combinators.combine(json, charset).as(String::getBytes)),
                Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(200)));
    }

    /**
     * Content types a client might declare for an order.
     *
     * @return a Content-Type header value, or empty for none
     */
    static Arbitrary<String> contentTypes() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of("application/json", "application/json; charset=utf-8")),
                Tuple.of(1, Arbitraries.of("application/json;charset=UTF8", "application/problem+json",
                                           "application/json; charset=latin1", "application/json; charset=xxx-bogus",
                                           "text/plain", "application/x-www-form-urlencoded",
                                           "application/octet-stream", "application/json; boundary=x; q=0.1", "")));
    }

    /**
     * Text messages for {@code /ws}: its own ops with fields of every type, other JSON, and text.
     *
     * @param knownIds ids of orders that exist
     * @return messages
     */
    static Arbitrary<String> multiSocketMessages(List<String> knownIds) {
        Arbitrary<String> op = Arbitraries.of("subscribe", "subscribe", "unsubscribe", "ping", "SUBSCRIBE", "",
                                              "pong", "unsubscribe ");
        Arbitrary<String> message = Combinators.combine(op, field("orderId", orderIds(knownIds)),
                                                        field("afterSeq", seqs()), Arbitraries.of("", ",\"x\":[]"))
                .as((o, id, seq, extra) -> "{\"op\":" + quote(o) + id + seq + extra + "}");
        return Arbitraries.frequencyOf(
                Tuple.of(6, message),
                Tuple.of(2, jsonValue(2)),
                Tuple.of(1, mangled(message)),
                Tuple.of(1, text()));
    }

    /**
     * Text messages for {@code /api/orders/status/{orderId}}, which takes only pings.
     *
     * @return messages
     */
    static Arbitrary<String> statusSocketMessages() {
        return Arbitraries.oneOf(Arbitraries.of("{\"op\":\"ping\"}", "ping", "{\"op\":\"subscribe\"}", "{}", "[]"),
                                 jsonValue(2), text());
    }

    /**
     * Order ids as a client might put them in a path or a message: real ones, unknown ones, and
     * things that are no id at all.
     *
     * @param knownIds ids of orders that exist
     * @return ids, as text
     */
    static Arbitrary<String> orderIdTexts(List<String> knownIds) {
        return Arbitraries.oneOf(Arbitraries.of(knownIds), Arbitraries.of(knownIds).map(id -> id.toUpperCase()),
                                 Arbitraries.create(() -> UUID.randomUUID().toString()),
                                 Arbitraries.of("", "0", "null", "..", "%00", "../health", "x".repeat(300)),
                                 text());
    }

    /**
     * {@code afterSeq} values as text, for a query string.
     *
     * @return seqs, as text
     */
    static Arbitrary<String> seqTexts() {
        return Arbitraries.oneOf(Arbitraries.longs().map(String::valueOf), Arbitraries.of(NUMBERS), text());
    }

    /**
     * Request messages for {@code SubmitOrder}: valid messages with any field values, messages
     * with a byte flipped or cut short, fields of any number and wire type, and random bytes.
     *
     * @return message bytes
     */
    static Arbitrary<byte[]> submitOrderMessages() {
        Arbitrary<String> token = Arbitraries.oneOf(Arbitraries.of(VALID_TOKENS), Arbitraries.of(TOKENS));
        Arbitrary<String> amount = Arbitraries.oneOf(Arbitraries.of(VALID_AMOUNTS), Arbitraries.of(NUMBERS), text());
        Arbitrary<String> slippage = Arbitraries.oneOf(Arbitraries.of("", "0.5", "3"), Arbitraries.of(NUMBERS), text());
        Arbitrary<String> key = Arbitraries.oneOf(Arbitraries.of("", "key-1"), clientOrderIds(), text());
        Arbitrary<byte[]> valid = Combinators.combine(token, token, amount, slippage, key)
                .as((in, out, a, s, k) -> SubmitOrderRequest.newBuilder()
                        .setTokenIn(in).setTokenOut(out).setAmount(a).setSlippage(s).setClientOrderId(k)
                        .build().toByteArray());
        return protobufMessages(valid);
    }

    /**
     * Request messages for {@code WatchOrder}, as {@link #submitOrderMessages()} does for orders.
     *
     * @param knownIds ids of orders that exist
     * @return message bytes
     */
    static Arbitrary<byte[]> watchOrderMessages(List<String> knownIds) {
        Arbitrary<byte[]> valid = Combinators.combine(orderIdTexts(knownIds),
                                                      Arbitraries.oneOf(Arbitraries.longs().between(-2, 12),
                                                                        Arbitraries.longs()))
                .as((id, seq) -> WatchOrderRequest.newBuilder().setOrderId(id).setAfterSeq(seq).build().toByteArray());
        return protobufMessages(valid);
    }

    private static Arbitrary<byte[]> protobufMessages(Arbitrary<byte[]> valid) {
        Arbitrary<byte[]> flipped = Combinators.combine(valid, Arbitraries.integers().greaterOrEqual(0),
                                                        Arbitraries.bytes())
                .as((bytes, at, value) -> {
                    byte[] copy = bytes.clone();
                    if (copy.length > 0) {
                        copy[at % copy.length] = value;
                    }
                    return copy;
                });
        Arbitrary<byte[]> cut = Combinators.combine(valid, Arbitraries.integers().greaterOrEqual(0))
                .as((bytes, at) -> Arrays.copyOf(bytes, bytes.length == 0 ? 0 : at % bytes.length));
        return Arbitraries.frequencyOf(
                Tuple.of(4, valid),
                Tuple.of(2, flipped),
                Tuple.of(1, cut),
                Tuple.of(2, fieldSoup()),
                Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(200)));
    }

    /** Fields of random numbers and wire types (including the group and invalid ones) and values. */
    private static Arbitrary<byte[]> fieldSoup() {
        Arbitrary<Integer> number = Arbitraries.oneOf(Arbitraries.integers().between(1, 6),
                                                      Arbitraries.integers().between(1, (1 << 29) - 1));
        Arbitrary<byte[]> field = Combinators.combine(number, Arbitraries.integers().between(0, 7), Arbitraries.longs(),
                                                      Arbitraries.bytes().array(byte[].class).ofMaxSize(40))
                .as(FuzzInputs::field);
        return field.list().ofMaxSize(8).map(fields -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            fields.forEach(out::writeBytes);
            return out.toByteArray();
        });
    }

    private static byte[] field(int number, int wireType, long value, byte[] payload) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            out.writeUInt32NoTag(number << 3 | wireType);
            switch (wireType) {
            case 0 -> out.writeUInt64NoTag(value);
            case 1 -> out.writeFixed64NoTag(value);
            case 2 -> out.writeByteArrayNoTag(payload);
            case 5 -> out.writeFixed32NoTag((int) value);
            default -> out.writeRawBytes(payload);
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON order the server takes: two different tokens, an amount, maybe a slippage. */
    private static Arbitrary<String> validOrder() {
        Arbitrary<String> token = Arbitraries.of(VALID_TOKENS);
        return Combinators.combine(token, token, Arbitraries.of(VALID_AMOUNTS),
                                   Arbitraries.of("", ",\"slippage\":0.5", ",\"slippage\":\"1\"", ",\"slippage\":null"),
                                   Arbitraries.of(true, false))
                .as((in, out, amount, slippage, quoted) -> "{\"tokenIn\":\"" + in + "\",\"tokenOut\":\"" + out
                        + "\",\"amount\":" + (quoted ? quote(amount) : amount) + slippage + "}");
    }

    /** Client order ids that pass, each new, so that an order is made rather than found again. */
    private static Arbitrary<String> clientOrderIds() {
        return Arbitraries.create(() -> "fuzz-" + UUID.randomUUID());
    }

    /** An order-like JSON object: the order's fields, each maybe missing or of another type, and others. */
    private static Arbitrary<String> orderObject() {
        Arbitrary<String> token = Arbitraries.oneOf(Arbitraries.of(TOKENS).map(FuzzInputs::quote), jsonValue(1));
        Arbitrary<String> number = Arbitraries.oneOf(Arbitraries.of(NUMBERS),
                                                     Arbitraries.of(NUMBERS).map(FuzzInputs::quote), jsonValue(1));
        return Combinators.combine(field("tokenIn", token), field("tokenOut", token), field("amount", number),
                                   field("slippage", number), Arbitraries.of("", ",\"clientOrderId\":\"k\"", ",\"\":0"))
                .as((in, out, amount, slippage, extra) -> "{"
                        + (in + out + amount + slippage + extra).replaceFirst("^,", "") + "}");
    }

    /** {@code ,"name":value}, or nothing when the field is left out. */
    private static Arbitrary<String> field(String name, Arbitrary<String> value) {
        return Arbitraries.oneOf(value.map(v -> "," + quote(name) + ":" + v), Arbitraries.just(""));
    }

    private static Arbitrary<String> orderIds(List<String> knownIds) {
        return Arbitraries.oneOf(orderIdTexts(knownIds).map(FuzzInputs::quote), jsonValue(1));
    }

    private static Arbitrary<String> seqs() {
        return Arbitraries.oneOf(Arbitraries.of(NUMBERS), Arbitraries.longs().map(String::valueOf),
                                 seqTexts().map(FuzzInputs::quote), jsonValue(1));
    }

    /** Any JSON value, as text, nested up to {@code depth} arrays or objects deep. */
    private static Arbitrary<String> jsonValue(int depth) {
        // The escapes are JSON's own: a NUL, a lone surrogate, and one JSON does not have.
        Arbitrary<String> leaf = Arbitraries.oneOf(text().map(FuzzInputs::quote), Arbitraries.of(NUMBERS),
                                                   Arbitraries.of("true", "false", "null", "\"\\u0000\"",
                                                                  "\"\\ud800\"", "\"\\x\""));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<String> array = jsonValue(depth - 1).list().ofMaxSize(4)
                .map(items -> "[" + String.join(",", items) + "]");
        Arbitrary<String> object = Combinators.combine(Arbitraries.oneOf(Arbitraries.of(ORDER_FIELDS), text()),
                                                       jsonValue(depth - 1))
                .as((key, value) -> quote(key) + ":" + value)
                .list().ofMaxSize(4).map(members -> "{" + String.join(",", members) + "}");
        return Arbitraries.frequencyOf(Tuple.of(4, leaf), Tuple.of(1, array),
                                       Tuple.of(1, object));
    }

    /** The text with one character cut, replaced or added, or cut short. */
    private static Arbitrary<String> mangled(Arbitrary<String> text) {
        Arbitrary<String> syntax = Arbitraries.of("\"", "{", "}", ",", ":", "\\", "\u0000", "]");
        return Combinators.combine(text, Arbitraries.integers().greaterOrEqual(0), syntax,
                                   Arbitraries.integers().between(0, 3))
                .as((t, at, c, how) -> {
                    int i = t.isEmpty() ? 0 : at % t.length();
                    return switch (how) {
                    case 0 -> t.substring(0, i) + t.substring(Math.min(t.length(), i + 1));
                    case 1 -> t.substring(0, i) + c + t.substring(Math.min(t.length(), i + 1));
                    case 2 -> t.substring(0, i) + c + t.substring(i);
                    default -> t.substring(0, i);
                    };
                });
    }

    /** Text of any script, with control characters and characters beyond the BMP, well-formed UTF-16. */
    private static Arbitrary<String> text() {
        return Arbitraries.oneOf(Arbitraries.strings().ascii().ofMaxLength(30),
                                 Arbitraries.strings().all().ofMaxLength(20).map(FuzzInputs::wellFormed),
                                 Arbitraries.of("\uD83D\uDE00", "\uD834\uDD1E", "\u202E", "\uFEFF", "\u0000"));
    }

    private static String wellFormed(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (paired) {
                out.append(c).append(text.charAt(++i));
            } else {
                out.append(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return out.toString();
    }

    /** A JSON string literal of the text, escaped as JSON requires. */
    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
            case '"' -> out.append("\\\"");
            case '\\' -> out.append("\\\\");
            default -> {
                if (c < 0x20) {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
            }
        }
        return out.append('"').toString();
    }
}

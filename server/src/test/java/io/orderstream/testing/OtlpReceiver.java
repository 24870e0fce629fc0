package io.orderstream.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A tiny OTLP/HTTP trace receiver ({@code POST /v1/traces}, {@code application/x-protobuf}) for
 * processes that export with {@code OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf}: it keeps every
 * span it is sent, with the exporting process's {@code service.name}. The request is read by field
 * number (opentelemetry-proto's {@code ExportTraceServiceRequest}: resource spans, scope spans,
 * spans), which is all a test needs of it.
 */
public final class OtlpReceiver implements AutoCloseable {
    private final HttpServer server;
    private final List<OrderTrace.Span> spans = new ArrayList<>();

    private OtlpReceiver(HttpServer server) {
        this.server = server;
    }

    /**
     * Starts listening on a free loopback port.
     *
     * @return the receiver
     * @throws IOException when it cannot listen
     */
    public static OtlpReceiver start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        OtlpReceiver receiver = new OtlpReceiver(server);
        server.createContext("/v1/traces", receiver::receive);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        return receiver;
    }

    /**
     * The base URL exporters are given ({@code OTEL_EXPORTER_OTLP_ENDPOINT}).
     *
     * @return e.g. {@code http://127.0.0.1:41234}
     */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * Every span received so far.
     *
     * @return a copy
     */
    public synchronized List<OrderTrace.Span> spans() {
        return List.copyOf(spans);
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange; InputStream body = exchange.getRequestBody()) {
            List<OrderTrace.Span> received = decode(body.readAllBytes());
            synchronized (this) {
                spans.addAll(received);
            }
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            // An empty ExportTraceServiceResponse: everything was accepted.
            exchange.sendResponseHeaders(200, -1);
        } catch (InvalidProtocolBufferException e) {
            exchange.sendResponseHeaders(400, -1);
        }
    }

    private static List<OrderTrace.Span> decode(byte[] request) throws InvalidProtocolBufferException {
        List<OrderTrace.Span> decoded = new ArrayList<>();
        for (ByteString resourceSpans : fields(UnknownFieldSet.parseFrom(request), 1)) {
            UnknownFieldSet resource = UnknownFieldSet.parseFrom(resourceSpans);
            Map<String, String> resourceAttributes = new HashMap<>();
            for (ByteString described : fields(resource, 1)) {
                resourceAttributes.putAll(attributes(UnknownFieldSet.parseFrom(described), 1));
            }
            String service = resourceAttributes.getOrDefault("service.name", "");
            for (ByteString scopeSpans : fields(resource, 2)) {
                for (ByteString span : fields(UnknownFieldSet.parseFrom(scopeSpans), 2)) {
                    decoded.add(span(UnknownFieldSet.parseFrom(span), service));
                }
            }
        }
        return decoded;
    }

    /** Span: 1 trace_id, 2 span_id, 4 parent_span_id, 5 name, 9 attributes. */
    private static OrderTrace.Span span(UnknownFieldSet span, String service) throws InvalidProtocolBufferException {
        return new OrderTrace.Span(hex(span, 1), hex(span, 2), hex(span, 4), text(span, 5), service,
                                   attributes(span, 9));
    }

    /** The KeyValue list in field 9 of a span, 1 of a resource: 1 key, 2 AnyValue (1 string, 3 int). */
    private static Map<String, String> attributes(UnknownFieldSet holder, int field)
            throws InvalidProtocolBufferException {
        Map<String, String> attributes = new HashMap<>();
        for (ByteString keyValue : fields(holder, field)) {
            UnknownFieldSet pair = UnknownFieldSet.parseFrom(keyValue);
            UnknownFieldSet value = UnknownFieldSet.parseFrom(fields(pair, 2).stream().findFirst()
                                                                       .orElse(ByteString.EMPTY));
            String text = value.hasField(1) ? text(value, 1)
                    : value.hasField(3) ? String.valueOf(value.getField(3).getVarintList().getFirst()) : "";
            attributes.put(text(pair, 1), text);
        }
        return attributes;
    }

    private static List<ByteString> fields(UnknownFieldSet message, int number) {
        return message.hasField(number) ? message.getField(number).getLengthDelimitedList() : List.of();
    }

    private static String text(UnknownFieldSet message, int number) {
        return fields(message, number).stream().findFirst().map(ByteString::toStringUtf8).orElse("");
    }

    private static String hex(UnknownFieldSet message, int number) {
        return fields(message, number).stream().findFirst().map(bytes -> HexFormat.of().formatHex(bytes.toByteArray()))
                .orElse("");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

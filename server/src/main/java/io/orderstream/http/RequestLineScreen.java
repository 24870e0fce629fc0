package io.orderstream.http;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

import io.orderstream.rest.ProblemMapper;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.Bytes;
import io.helidon.http.HttpToken;
import io.helidon.http.Status;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.spi.ServerConnectionSelector;

/**
 * Looks at a new connection's first line before Helidon's HTTP/1.1 and HTTP/2 selectors do, and
 * answers the request lines that Helidon 4.5.0 mishandles:
 * <ul>
 *     <li>an illegal method token ({@code G{T / HTTP/1.1}): Helidon answers 500 and logs a stack trace;</li>
 *     <li>HTTP/1.0 and a line ending in a bare LF: neither selector claims them, so the connection
 *     waits for bytes the client will never send, and logs a stack trace when it leaves.</li>
 * </ul>
 * These get 400 or 505 with a problem detail, and the connection is closed. Every other line is
 * left to Helidon. Custom selectors run before the protocol ones, so this one sees the line first.
 */
public final class RequestLineScreen implements ServerConnectionSelector {
    private static final String HTTP_1_0 = " HTTP/1.0";

    /**
     * Creates the screen.
     *
     * @return a selector for {@code WebServerConfig.Builder.addConnectionSelector}
     */
    public static RequestLineScreen create() {
        return new RequestLineScreen();
    }

    private RequestLineScreen() {
    }

    @Override
    public int bytesToIdentifyConnection() {
        // any number: the first line is all it needs, however long the read that brings it
        return 0;
    }

    @Override
    public Support supports(BufferData request) {
        int lf = request.indexOf(Bytes.LF_BYTE);
        if (lf == -1) {
            return Support.UNKNOWN;
        }
        return refusal(request.readString(lf, StandardCharsets.ISO_8859_1)).isPresent()
                ? Support.SUPPORTED
                : Support.UNSUPPORTED;
    }

    @Override
    public Set<String> supportedApplicationProtocols() {
        // nothing to negotiate over TLS ALPN: it only refuses
        return Set.of();
    }

    @Override
    public ServerConnection connection(ConnectionContext ctx) {
        BufferData buffered = ctx.dataReader().getBuffer(ctx.dataReader().available());
        int lf = buffered.indexOf(Bytes.LF_BYTE);
        Refusal refusal = refusal(buffered.readString(lf, StandardCharsets.ISO_8859_1))
                .orElseThrow(() -> new IllegalStateException("Selected for a request line it does not refuse"));
        return new RefusedConnection(ctx, ProblemMapper.http1Response(refusal.status(), refusal.detail()));
    }

    /**
     * What is wrong with a request line, if Helidon would mishandle it.
     *
     * @param line the first line, up to but without its LF
     * @return the status and detail to answer, or empty to leave the line to Helidon
     */
    static Optional<Refusal> refusal(String line) {
        if (!line.endsWith("\r")) {
            return Optional.of(new Refusal(Status.BAD_REQUEST_400, "Lines must end with CRLF, not a bare LF"));
        }
        String text = line.substring(0, line.length() - 1);
        int space = text.indexOf(' ');
        if (space > 0) {
            try {
                HttpToken.validate(text.substring(0, space));
            } catch (IllegalArgumentException e) {
                return Optional.of(new Refusal(Status.BAD_REQUEST_400, "The method is not a valid HTTP token"));
            }
        }
        if (text.endsWith(HTTP_1_0)) {
            return Optional.of(new Refusal(Status.HTTP_VERSION_NOT_SUPPORTED_505,
                                           "HTTP/1.0 is not supported; send HTTP/1.1"));
        }
        return Optional.empty();
    }

    /**
     * A refused request line.
     *
     * @param status status to answer
     * @param detail why, for the client
     */
    record Refusal(Status status, String detail) {
    }
}

package io.orderstream.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Bytes on a plain socket, for requests no well-behaved HTTP client would send.
 */
public final class RawHttp {
    private RawHttp() {
    }

    /**
     * What came back: the raw text up to the server's close or the read timeout, and whether the
     * server closed the connection.
     *
     * @param text   everything read, as ISO-8859-1
     * @param closed true when the server closed (end of stream or reset)
     */
    public record Answer(String text, boolean closed) {
        /**
         * The status code of the first response, or 0 when there was none.
         *
         * @return e.g. 400
         */
        public int status() {
            if (!text.startsWith("HTTP/1.")) {
                return 0;
            }
            return Integer.parseInt(text.substring(9, 12));
        }

        /**
         * The body of the first response, after the blank line.
         *
         * @return body text, possibly empty
         */
        public String body() {
            int start = text.indexOf("\r\n\r\n");
            return start < 0 ? "" : text.substring(start + 4);
        }
    }

    /**
     * Sends {@code request} and reads until the server closes or {@code wait} passes without data.
     *
     * @param port    server port on 127.0.0.1
     * @param request raw bytes, as ISO-8859-1 text
     * @param wait    how long to wait for more data
     * @return the answer
     */
    public static Answer exchange(int port, String request, Duration wait) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout((int) wait.toMillis());
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return read(socket.getInputStream());
        }
    }

    /**
     * Reads until end of stream, a reset, or a read timeout.
     *
     * @param in socket input
     * @return what was read and whether the peer closed
     */
    public static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        boolean closed;
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
            }
            closed = true;
        } catch (SocketTimeoutException e) {
            closed = false;
        } catch (java.net.SocketException e) {
            // A reset is a close too, only a ruder one.
            closed = true;
        }
        return new Answer(out.toString(StandardCharsets.ISO_8859_1), closed);
    }
}

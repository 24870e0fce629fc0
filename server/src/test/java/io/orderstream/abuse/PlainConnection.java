package io.orderstream.abuse;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One client connection on a plain socket, for tests that need many of them and must tell a
 * connection the server closed from one it left waiting: every read has a timeout, and its
 * outcome is named rather than thrown.
 */
final class PlainConnection implements AutoCloseable {
    /** The server closed the connection: end of stream, or a reset. */
    static final String CLOSED = "closed";
    /** Nothing came within the read timeout. */
    static final String SILENT = "silent";

    private final Socket socket;

    private PlainConnection(Socket socket) {
        this.socket = socket;
    }

    /**
     * Connects to a port on 127.0.0.1.
     *
     * @param port    port
     * @param timeout longest wait for each read
     * @return the connection
     */
    static PlainConnection open(int port, Duration timeout) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout((int) timeout.toMillis());
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        return new PlainConnection(socket);
    }

    /**
     * Sends an HTTP/1.1 request and reads what comes back first.
     *
     * @param request the request
     * @return the answer's first line, {@link #CLOSED} or {@link #SILENT}
     */
    String http(String request) {
        return exchange(request.getBytes(StandardCharsets.US_ASCII), this::firstLine);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private String exchange(byte[] request, Reply reply) {
        try {
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            return reply.read();
        } catch (SocketTimeoutException e) {
            return SILENT;
        } catch (SocketException | EndOfStream e) {
            // reset (on the write or the read), or end of stream
            return CLOSED;
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** Reads one response whose body has a Content-Length, so the next exchange starts clean. */
    private String firstLine() throws IOException {
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (head.indexOf("\r\n\r\n") < 0) {
            int b = in.read();
            if (b < 0) {
                throw new EndOfStream();
            }
            head.append((char) b);
        }
        String text = head.toString();
        for (String line : text.split("\r\n")) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                readFully(in, Integer.parseInt(line.substring(15).trim()));
            }
        }
        return text.substring(0, text.indexOf("\r\n"));
    }

    private static byte[] readFully(InputStream in, int length) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new EndOfStream();
        }
        return bytes;
    }

    @FunctionalInterface
    private interface Reply {
        String read() throws IOException;
    }

    private static final class EndOfStream extends IOException {
        private EndOfStream() {
            super("end of stream");
        }
    }
}

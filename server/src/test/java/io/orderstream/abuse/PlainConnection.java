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

    // HTTP/2: the client preface, then an empty SETTINGS frame (length 0, type 4, no flags, stream 0).
    private static final byte[] HTTP2_PREFACE = concat("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                                                       new byte[] {0, 0, 0, 4, 0, 0, 0, 0, 0});
    // A PING frame (length 8, type 6, no flags, stream 0) with an 8-byte payload.
    private static final byte[] HTTP2_PING = {0, 0, 8, 6, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8};
    private static final int HTTP2_SETTINGS = 4;
    private static final int HTTP2_PING_TYPE = 6;
    private static final int ACK = 1;

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
        return connect(port, timeout, false);
    }

    /**
     * Connects to a port on 127.0.0.1 where the server may reset the connection at once: a reset
     * that comes before the connect has returned gives a connection every exchange of which
     * answers {@link #CLOSED}, as one reset just after it would.
     *
     * @param port    port
     * @param timeout longest wait for each read
     * @return the connection, perhaps already closed by the server
     */
    static PlainConnection openOrReset(int port, Duration timeout) throws IOException {
        return connect(port, timeout, true);
    }

    private static PlainConnection connect(int port, Duration timeout, boolean resetIsAnAnswer) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout((int) timeout.toMillis());
        } catch (SocketException e) {
            socket.close();
            if (!resetIsAnAnswer) {
                throw e;
            }
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

    /**
     * Sends the HTTP/2 client preface and reads the server's first frame.
     *
     * @return {@code "settings"} when the server answered with its SETTINGS, else what came instead
     */
    String http2Preface() {
        return exchange(HTTP2_PREFACE, () -> frameOfType(HTTP2_SETTINGS, false) ? "settings" : "another frame");
    }

    /**
     * Sends an HTTP/2 PING (after the preface) and waits for its acknowledgement.
     *
     * @return {@code "pong"} when it came, else what came instead
     */
    String http2Ping() {
        return exchange(HTTP2_PING, () -> frameOfType(HTTP2_PING_TYPE, true) ? "pong" : "another frame");
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

    /** Reads frames until one of the type (with ACK if asked); false if another kind of data ends it. */
    private boolean frameOfType(int type, boolean ack) throws IOException {
        InputStream in = socket.getInputStream();
        for (int frames = 0; frames < 16; frames++) {
            byte[] header = readFully(in, 9);
            int length = ((header[0] & 0xff) << 16) | ((header[1] & 0xff) << 8) | (header[2] & 0xff);
            readFully(in, length);
            if (header[3] == type && (!ack || (header[4] & ACK) != 0)) {
                return true;
            }
        }
        return false;
    }

    private static byte[] readFully(InputStream in, int length) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new EndOfStream();
        }
        return bytes;
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
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

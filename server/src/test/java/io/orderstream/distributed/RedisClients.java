package io.orderstream.distributed;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Reads {@code CLIENT LIST} over a plain socket, from outside the Redisson clients it counts.
 */
final class RedisClients {
    private RedisClients() {
    }

    /**
     * Connections of a Redis that carry a client name.
     *
     * @param address {@code redis://host:port}
     * @param name    the connections' name, as {@code CLIENT SETNAME} set it
     * @return how many
     */
    static long count(String address, String name) throws IOException {
        return clientList(address).lines().filter(line -> line.contains(" name=" + name + " ")).count();
    }

    private static String clientList(String address) throws IOException {
        URI uri = URI.create(address);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 2000);
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write("CLIENT LIST\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            String header = line(in);
            if (!header.startsWith("$")) {
                throw new IOException("Unexpected CLIENT LIST reply: " + header);
            }
            byte[] body = new byte[Integer.parseInt(header.substring(1))];
            in.readFully(body);
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private static String line(DataInputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException("Redis closed the connection");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }
}

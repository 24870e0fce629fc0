package io.orderstream.docs;

import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.orderstream.testing.WsRecorder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * WebSocket connections whose every message, either way, and every close are kept with the
 * AsyncAPI channel they belong to, so that each can be checked against the document.
 */
final class WsCapture {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every message: what the gateway sent, and what the test sent meaning it to be valid. */
    final List<Frame> frames = new CopyOnWriteArrayList<>();
    /** Every close the gateway made. */
    final List<Closed> closes = new CopyOnWriteArrayList<>();

    /**
     * One message.
     *
     * @param channel     the AsyncAPI channel's key
     * @param fromGateway whether the gateway sent it
     * @param json        the message
     */
    record Frame(String channel, boolean fromGateway, JsonNode json) {
    }

    /**
     * A close by the gateway.
     *
     * @param channel the AsyncAPI channel's key
     * @param code    the close code
     */
    record Closed(String channel, int code) {
    }

    /**
     * Opens a connection.
     *
     * @param channel the AsyncAPI channel's key
     * @param client  the HTTP client
     * @param uri     the WebSocket URI
     * @param headers headers of the upgrade request
     * @return the connection
     */
    Socket open(String channel, HttpClient client, String uri, Map<String, String> headers) {
        return new Socket(channel, WsRecorder.connect(client, uri, headers));
    }

    /** One captured connection. */
    final class Socket implements AutoCloseable {
        private final String channel;
        private final WsRecorder recorder;

        private Socket(String channel, WsRecorder recorder) {
            this.channel = channel;
            this.recorder = recorder;
        }

        /**
         * The next message, which must be of a type.
         *
         * @param type its {@code type}, or null for any
         * @return the message
         */
        JsonNode next(String type) throws InterruptedException {
            JsonNode message = recorder.next();
            frames.add(new Frame(channel, true, message));
            if (type != null) {
                assertThat(message.toString(), message.path("type").asText(), is(type));
            }
            return message;
        }

        /**
         * Sends a message the test means to be valid: it is checked against the document.
         *
         * @param json the message
         */
        void send(String json) throws Exception {
            frames.add(new Frame(channel, false, JSON.readTree(json)));
            recorder.send(json);
        }

        /**
         * Sends text the gateway must refuse; not checked against the document.
         *
         * @param text anything
         */
        void sendInvalid(String text) {
            recorder.send(text);
        }

        /**
         * Waits for the gateway to close the connection, keeping every message until then.
         *
         * @return the messages that came after the last {@link #next}
         */
        List<JsonNode> closed() throws Exception {
            List<JsonNode> rest = recorder.drainUntilClosed();
            rest.forEach(message -> frames.add(new Frame(channel, true, message)));
            closes.add(new Closed(channel, recorder.awaitClose().code()));
            return rest;
        }

        /**
         * Waits for the gateway to close the connection.
         *
         * @param code the close code it must use
         * @return the messages that came after the last {@link #next}
         */
        List<JsonNode> closedWith(int code) throws Exception {
            List<JsonNode> rest = closed();
            assertThat(closes.getLast().code(), is(code));
            return rest;
        }

        @Override
        public void close() {
            recorder.close();
        }
    }
}

package io.orderstream.ws;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.socket.SocketContext;
import io.helidon.websocket.WsSession;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

/**
 * The drain's side of the session set: every session is told to reconnect (1012), including one
 * whose upgrade got in just before upgrades were refused and that registers only after the
 * drain has told the others. That order of events lasts microseconds on a live gateway, so it is
 * set up here directly, on a session that records what it is sent.
 */
class WsSessionsTest {
    private static final Duration KEEP_ALIVE = Duration.ofMinutes(10);

    @Test
    void aSessionOpenWhenTheDrainBeginsIsToldToReconnectAndCleanedUpOnce() {
        WsSessions sessions = new WsSessions(KEEP_ALIVE);
        RecordingSession session = new RecordingSession();
        AtomicInteger cleanups = new AtomicInteger();

        boolean open = sessions.opened(new SessionWriter(session), false, cleanups::incrementAndGet);
        assertThat(open, is(true));
        assertThat(sessions.count(false), is(1));

        sessions.close();
        assertThat(session.closeCodes, contains(CloseCodes.SERVICE_RESTART));
        assertThat(cleanups.get(), is(1));
        assertThat(sessions.count(false), is(0));
    }

    @Test
    void aSessionThatRegistersAfterTheDrainToldTheOthersIsToldAtOnceAndGreetedWithNothing() {
        WsSessions sessions = new WsSessions(KEEP_ALIVE);
        sessions.close();
        RecordingSession session = new RecordingSession();
        AtomicInteger cleanups = new AtomicInteger();

        boolean open = sessions.opened(new SessionWriter(session), true, cleanups::incrementAndGet);

        assertThat("whether the socket is to be greeted", open, is(false));
        assertThat(session.closeCodes, contains(CloseCodes.SERVICE_RESTART));
        assertThat(session.texts, is(List.of()));
        assertThat(cleanups.get(), is(1));
        assertThat(sessions.count(true), is(0));
    }

    /** Helidon's side of one connection, recording what the gateway writes to it. */
    private static final class RecordingSession implements WsSession {
        private final List<Integer> closeCodes = new CopyOnWriteArrayList<>();
        private final List<String> texts = new CopyOnWriteArrayList<>();

        @Override
        public WsSession send(String text, boolean last) {
            texts.add(text);
            return this;
        }

        @Override
        public WsSession send(BufferData bufferData, boolean last) {
            throw new AssertionError("the gateway sends text only");
        }

        @Override
        public WsSession ping(BufferData bufferData) {
            return this;
        }

        @Override
        public WsSession pong(BufferData bufferData) {
            return this;
        }

        @Override
        public WsSession close(int code, String reason) {
            closeCodes.add(code);
            return this;
        }

        @Override
        public WsSession terminate() {
            return this;
        }

        @Override
        public SocketContext socketContext() {
            throw new AssertionError("not needed by the session set");
        }
    }
}

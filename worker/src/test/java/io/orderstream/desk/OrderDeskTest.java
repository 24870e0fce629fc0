package io.orderstream.desk;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import io.orderstream.bus.InProcessEventBus;
import io.orderstream.error.InvalidRequestException;
import io.orderstream.error.OrderNotFoundException;
import io.orderstream.error.PermissionDeniedException;
import io.orderstream.metrics.MeterSet;
import io.orderstream.order.Order;
import io.orderstream.order.OrderEvent;
import io.orderstream.order.OrderRequest;
import io.orderstream.order.OrderStatus;
import io.orderstream.queue.InProcessWorkSignal;
import io.orderstream.store.Database;
import io.orderstream.store.EventLog;
import io.orderstream.store.EventWriter;
import io.orderstream.store.OrderClaims;
import io.orderstream.store.OrderReplays;
import io.orderstream.store.OrderStore;
import io.orderstream.testing.TestH2;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The use cases on a real (in-memory) database, as every face calls them: a submit stores, queues
 * and wakes the workers once per order; another subject's order is a missing one; a listing goes
 * on only from a token it gave. What each face makes of them is tested on a running gateway.
 */
class OrderDeskTest {
    private static final Caller ALICE = new Caller("alice", Set.of(Scope.READ, Scope.WRITE));
    private static final Caller BOB = new Caller("bob", Set.of(Scope.READ, Scope.WRITE));
    private static final Caller ADMIN = new Caller("ops", Set.of(Scope.ADMIN));

    private Database database;
    private OrderStore store;
    private OrderClaims claims;
    private EventWriter writer;
    private InProcessWorkSignal workers;
    private MeterSet meters;
    private OrderDesk desk;

    @BeforeEach
    void open() {
        meters = new MeterSet();
        database = TestH2.open("desk");
        store = new OrderStore(database, Clock.systemUTC(), 100);
        claims = new OrderClaims(database, Clock.systemUTC());
        InProcessEventBus bus = new InProcessEventBus();
        writer = new EventWriter(database, Clock.systemUTC(), 1, 100, bus::publishAll);
        EventLog events = new EventLog(store, new OrderReplays(database, Clock.systemUTC(), 100), writer, bus);
        workers = new InProcessWorkSignal();
        PageTokens pageTokens = PageTokens.create(Optional.of("the page token secret of this test"));
        desk = new OrderDesk(store, events, workers, pageTokens, new OrderMeters(meters));
    }

    @AfterEach
    void close() {
        writer.close();
        database.close();
        meters.close();
    }

    @Test
    void aSubmitStoresQueuesAndWakesTheWorkersOncePerOrder() throws InterruptedException {
        Submission first = submit(ALICE, Optional.of("key-1"));
        assertThat(first.created(), is(true));
        assertThat(first.order().owner(), is("alice"));
        assertThat(store.find(first.order().id()).orElseThrow().status(), is(OrderStatus.PENDING));
        assertThat(claims.depth(), is(1L));
        assertThat("woken", workers.await(Duration.ZERO), is(true));

        Submission again = submit(ALICE, Optional.of("key-1"));
        assertThat(again.created(), is(false));
        assertThat(again.order().id(), is(first.order().id()));
        assertThat("queued once", claims.depth(), is(1L));
        assertThat("not woken again", workers.await(Duration.ZERO), is(false));
        List<OrderEvent> history = desk.events(ALICE, first.order().id(), 0);
        assertThat(history.stream().map(OrderEvent::status).toList(), contains(OrderStatus.PENDING));
    }

    @Test
    void anotherSubjectsOrderIsAMissingOneButNotToAnAdministrator() {
        String id = submit(ALICE, Optional.empty()).order().id();

        assertThrows(OrderNotFoundException.class, () -> desk.get(BOB, id));
        assertThrows(OrderNotFoundException.class, () -> desk.cancel(BOB, id));
        assertThrows(OrderNotFoundException.class, () -> desk.events(BOB, id, 0));
        assertThrows(OrderNotFoundException.class, () -> desk.watchable(BOB, id, 0));
        assertThat(desk.list(BOB, Optional.empty(), Optional.empty(), 0, "", "pageToken").orders(), is(List.of()));
        assertThrows(PermissionDeniedException.class, () -> desk.replay(ALICE, id));

        assertThat(desk.get(ADMIN, id).owner(), is("alice"));
        assertThat(desk.cancel(ADMIN, id).status(), is(OrderStatus.CANCELLED));
    }

    @Test
    void aListingGoesOnOnlyFromATokenItGave() {
        List<String> ids = List.of(submit(ALICE, Optional.empty()).order().id(),
                                   submit(ALICE, Optional.empty()).order().id(),
                                   submit(ALICE, Optional.empty()).order().id());

        OrderListing first = desk.list(ALICE, Optional.empty(), Optional.empty(), 2, "", "pageToken");
        OrderListing second = desk.list(ALICE, Optional.empty(), Optional.empty(), 2, first.nextPageToken(),
                                        "pageToken");
        List<String> listed = Stream.concat(first.orders().stream(), second.orders().stream()).map(Order::id).toList();
        // Orders of one millisecond come in id order: which is first is not for this test to say.
        assertThat("each once", listed, containsInAnyOrder(ids.toArray()));
        assertThat("the last page", second.nextPageToken(), is(""));

        String altered = first.nextPageToken().substring(1) + "A";
        InvalidRequestException refused = assertThrows(InvalidRequestException.class, () -> desk.list(
                ALICE, Optional.empty(), Optional.empty(), 2, altered, "cursor"));
        assertThat("named as the client named it", refused.violations().getFirst().field(), is("cursor"));
    }

    private Submission submit(Caller caller, Optional<String> key) {
        return desk.submit(caller, SubmitQuota.unlimited("subject:" + caller.subject()),
                           new OrderRequest("SOL", "USDC", BigDecimal.ONE, new BigDecimal("0.5"), key),
                           SubmitFace.REST);
    }
}

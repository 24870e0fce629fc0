package io.orderstream.order;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

class EventViewTest {
    private static final Quote RAYDIUM = new Quote("raydium", new BigDecimal("152.93"), 25, new BigDecimal("1525.52"));
    private static final Quote METEORA = new Quote("meteora", new BigDecimal("150"), 30, new BigDecimal("1000"));
    private static final Instant AT = Instant.parse("2026-01-02T03:04:05.123Z");

    @Test
    void theFieldsOwnNamesAreTheComponentsOfTheRecordsTheBusAndTheStoreCarry() {
        // Jackson writes OrderEvent's head and EventDetails as they are: so a field's own name is
        // what the bus and the stored details call it, and the details come in the view's order.
        List<String> own = Arrays.stream(EventField.values()).map(EventField::fieldName).toList();
        List<String> head = components(OrderEvent.class).filter(name -> !name.equals("details")).toList();
        List<String> details = components(EventDetails.class).toList();
        assertThat(own.subList(0, head.size()).stream().sorted().toList(), is(head.stream().sorted().toList()));
        assertThat(own.subList(head.size(), own.size()), is(details));
    }

    @Test
    void aViewHoldsTheFieldsAnEventCarriesInOrder() {
        OrderEvent routed = new OrderEvent("o1", 3, OrderStatus.ROUTING, 30, "quotes", AT,
                                           EventDetails.builder().quotes(List.of(RAYDIUM, METEORA))
                                                   .chosenDex("raydium").build());
        EventView view = EventView.of(routed);

        assertThat(view.fields().stream().map(EventView.Field::key).toList(),
                   contains(EventField.STATUS, EventField.ORDER_ID, EventField.SEQ, EventField.PROGRESS,
                            EventField.MESSAGE, EventField.TIMESTAMP, EventField.QUOTES, EventField.CHOSEN_DEX));
        assertThat(view.json().stream().map(EventView.Named::name).toList(),
                   contains("type", "orderId", "seq", "progress", "message", "timestamp", "quotes", "quotesFetched",
                            "chosenDex", "dex"));
        assertThat(view.aliases(), is(Map.of("quotesFetched", 2, "dex", "raydium")));
    }

    @Test
    void theJsonNamesDifferFromTheOwnOnlyForTheStatusAndTheChosenQuote() {
        List<EventField> renamed = Arrays.stream(EventField.values())
                .filter(field -> !field.jsonName().equals(field.fieldName())).toList();
        assertThat(renamed, contains(EventField.STATUS, EventField.CHOSEN_QUOTE));
        assertThat(EventField.STATUS.jsonName(), is("type"));
        assertThat(EventField.CHOSEN_QUOTE.jsonName(), is("quote"));
    }

    @Test
    void eachAliasIsWrittenRightAfterItsField() {
        OrderEvent failed = new OrderEvent("o1", 9, OrderStatus.FAILED, 0, "failed", AT,
                                           EventDetails.builder().chosenDex("meteora").txSignature("sig")
                                                   .attempt(3, 3).failureReason("gone").build());
        assertThat(EventView.of(failed).json().stream().skip(6).toList(),
                   contains(new EventView.Named("chosenDex", "meteora"), new EventView.Named("dex", "meteora"),
                            new EventView.Named("attempt", 3), new EventView.Named("maxAttempts", 3),
                            new EventView.Named("txSignature", "sig"), new EventView.Named("txHash", "sig"),
                            new EventView.Named("failureReason", "gone"), new EventView.Named("error", "gone")));
    }

    private static Stream<String> components(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName);
    }
}

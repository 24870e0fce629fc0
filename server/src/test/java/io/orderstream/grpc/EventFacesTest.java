package io.orderstream.grpc;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.orderstream.codec.EventDetailsCodec;
import io.orderstream.codec.OrderEventCodec;
import io.orderstream.json.OrderJson;
import io.orderstream.order.EventDetails;
import io.orderstream.order.EventField;
import io.orderstream.order.EventView;
import io.orderstream.order.FailureCode;
import io.orderstream.order.Order;
import io.orderstream.order.OrderEvent;
import io.orderstream.order.OrderRequest;
import io.orderstream.order.OrderStatus;
import io.orderstream.order.Quote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Timestamp;
import org.hamcrest.Description;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.in;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/**
 * One event through every face. Each carries exactly the fields of the event's {@link EventView},
 * with the same values: the REST and WebSocket JSON under their JSON names, each followed by its
 * aliases; the protobuf message on the fields of the same JSON name; the bus and the stored
 * details under the fields' own names, which are the components of the records they carry. The
 * browser console reads the event JSON by the view's JSON names only (the command-line client
 * reads the protobuf message). And every face still writes, byte for byte, what it wrote before
 * it was derived from the view ({@code event-faces.txt}).
 */
class EventFacesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ID = "0660a56f-bdf6-4ed2-bbd3-b57b661889a5";
    private static final String TX =
            "3ZvWWZDMs1CyMXcEuWUZzMnhUDnnnMxmSyTtHT5aRrNHBVwGVhWjzW1qyxgiycxDbTxbaz5yjjBajLUsDfqMsHbD";
    private static final Instant AT = Instant.parse("2026-01-02T03:04:05.123456789Z");
    private static final Quote RAYDIUM = new Quote("raydium", new BigDecimal("152.93"), 25, new BigDecimal("1525.52"));
    // Decimals that Jackson and toString() write with an exponent, toPlainString() without.
    private static final Quote METEORA = new Quote("meteora", new BigDecimal("1.5E+2"), 30, new BigDecimal("1E+3"));
    /** An event of every kind the engine records, with every field set on at least one. */
    private static final List<OrderEvent> EVENTS = List.of(
            new OrderEvent(ID, 1, OrderStatus.PENDING, 0, "queued", AT, EventDetails.NONE),
            new OrderEvent(ID, 3, OrderStatus.ROUTING, 30, "quotes", AT.plusSeconds(1),
                           EventDetails.builder().quotes(List.of(RAYDIUM, METEORA)).chosenDex("raydium").build()),
            new OrderEvent(ID, 4, OrderStatus.BUILDING, 50, "building", AT.plusSeconds(2),
                           EventDetails.builder().chosenDex("raydium").chosenQuote(RAYDIUM)
                                   .minAmountOut(new BigDecimal("1.5E+3")).build()),
            new OrderEvent(ID, 5, OrderStatus.BUILDING, 70, "built", AT.plusSeconds(3),
                           EventDetails.builder().chosenDex("raydium").chosenQuote(RAYDIUM)
                                   .minAmountOut(new BigDecimal("1517.89")).txSignature(TX).build()),
            new OrderEvent(ID, 6, OrderStatus.SUBMITTED, 85, "attempt 2", AT.plusSeconds(4),
                           EventDetails.builder().chosenDex("raydium").txSignature(TX).attempt(2, 3).build()),
            new OrderEvent(ID, 7, OrderStatus.CONFIRMED, 100, "done", AT.plusSeconds(5),
                           EventDetails.builder().chosenDex("raydium").txSignature(TX)
                                   .amountOut(new BigDecimal("1525.000000001")).executionPrice(new BigDecimal("152.5"))
                                   .build()),
            new OrderEvent(ID, 8, OrderStatus.FAILED, 0, "failed", AT.plusSeconds(6),
                           EventDetails.builder().chosenDex("meteora").txSignature(TX)
                                   .executionPrice(new BigDecimal("1E+2")).attempt(3, 3)
                                   .failureReason("Slippage \"exceeded\"").build()),
            new OrderEvent(ID, 9, OrderStatus.CANCELLED, 0, "cancelled", AT.plusSeconds(7),
                           EventDetails.builder().failureReason("Cancelled by the client").build()),
            new OrderEvent(ID, 10, OrderStatus.FAILED, 0, "failed", AT.plusSeconds(8),
                           EventDetails.builder().chosenDex("raydium").txSignature(TX).attempt(3, 3)
                                   .failureReason("Submission failed after 3 attempts: RPC node timed out")
                                   .failureCode(FailureCode.DEX_ERROR).build()));
    private static final Order CONFIRMED_ORDER = new Order(
            ID, Order.ANONYMOUS_OWNER, new OrderRequest("SOL", "USDC", new BigDecimal("10"), new BigDecimal("0.5"),
                                                        Optional.of("key-1")),
            OrderStatus.CONFIRMED, 7, 100, AT, AT.plusSeconds(5), Optional.of("raydium"), Optional.of(TX),
            Optional.of(new BigDecimal("1525.000000001")), Optional.empty(), Optional.empty());

    @Test
    void everyFaceWritesWhatItWroteBefore() throws IOException {
        Map<String, String> before = recorded();
        for (OrderEvent event : EVENTS) {
            long seq = event.seq();
            assertThat("json " + seq, OrderJson.text(OrderJson.event(event)), is(before.get("json " + seq)));
            assertThat("proto " + seq, base64(ProtoMapper.event(event).toByteArray()), is(before.get("proto " + seq)));
            assertThat("bus " + seq, OrderEventCodec.toJson(event), is(before.get("bus " + seq)));
            assertThat("details " + seq, EventDetailsCodec.toJson(event.details()), is(before.get("details " + seq)));
        }
        assertThat(OrderJson.text(OrderJson.order(CONFIRMED_ORDER)), is(before.get("order-json 7")));
        assertThat(base64(ProtoMapper.order(CONFIRMED_ORDER).toByteArray()), is(before.get("order-proto 7")));
    }

    @Test
    void everyFieldIsSetOnSomeEvent() {
        Set<EventField> set = EVENTS.stream().flatMap(event -> EventView.of(event).fields().stream())
                .map(EventView.Field::key).collect(Collectors.toSet());
        assertThat(Set.of(EventField.values()), is(set));
    }

    @Test
    void theJsonFacesWriteEachFieldUnderItsJsonNameThenItsAliases() {
        for (OrderEvent event : EVENTS) {
            EventView view = EventView.of(event);
            JsonNode json = OrderJson.event(event);
            assertThat("names, in order", names(json), is(view.json().stream().map(EventView.Named::name).toList()));
            for (EventView.Field field : view.fields()) {
                assertThat(field.key().jsonName(), json.get(field.key().jsonName()), agreesWith(field.value()));
            }
            view.aliases().forEach((alias, value) -> assertThat(alias, json.get(alias), agreesWith(value)));
        }
    }

    @Test
    void theAliasesAreTheNodeSystemsNames() {
        assertThat(EventView.of(EVENTS.get(1)).aliases(), is(Map.of("quotesFetched", 2, "dex", "raydium")));
        assertThat(EventView.of(EVENTS.get(6)).aliases(),
                   is(Map.of("dex", "meteora", "txHash", TX, "error", "Slippage \"exceeded\"")));
        // An order carries the signature under the alias its events use too.
        JsonNode order = OrderJson.order(CONFIRMED_ORDER);
        assertThat(order.get("txHash").textValue(), is(TX));
        assertThat(order.has("dex") || order.has("error"), is(false));
    }

    @Test
    void theProtobufMessageHoldsTheViewsFieldsAndNoOthers() {
        Map<String, FieldDescriptor> byJsonName = io.orderstream.proto.v1.OrderEvent.getDescriptor().getFields()
                .stream().collect(Collectors.toMap(FieldDescriptor::getJsonName, field -> field));
        for (OrderEvent event : EVENTS) {
            EventView view = EventView.of(event);
            io.orderstream.proto.v1.OrderEvent proto = ProtoMapper.event(event);
            for (EventView.Field field : view.fields()) {
                Object value = proto.getField(byJsonName.get(field.key().fieldName()));
                assertThat(field.key().fieldName(), normal(fromProto(field.value(), value)), is(normal(field.value())));
            }
            // proto3 leaves out what is zero (progress 0), so set fields are a subset of the view's.
            assertThat(proto.getAllFields().keySet().stream().map(FieldDescriptor::getJsonName).toList(),
                       everyItem(is(in(ownNames(view)))));
        }
    }

    @Test
    void theBusAndTheStoredDetailsCarryTheViewsFieldsUnderTheirOwnNames() throws IOException {
        for (OrderEvent event : EVENTS) {
            EventView view = EventView.of(event);
            JsonNode bus = JSON.readTree(OrderEventCodec.toJson(event));
            List<String> head = ownNames(view).stream().filter(components(OrderEvent.class)::contains).toList();
            List<String> details = ownNames(view).stream().filter(components(EventDetails.class)::contains).toList();
            assertThat("every field is a component of the records the bus carries",
                       head.size() + details.size(), is(view.fields().size()));
            // The head in the order of the bus's record (status after seq); the details in the view's.
            assertThat(Set.copyOf(names(bus)), is(Set.copyOf(append(head, "details"))));
            assertThat(names(bus.get("details")), is(details));
            for (EventView.Field field : view.fields()) {
                String name = field.key().fieldName();
                JsonNode value = head.contains(name) ? bus.get(name) : bus.get("details").get(name);
                assertThat(name, value, agreesWith(field.value()));
            }
            assertThat(JSON.readTree(EventDetailsCodec.toJson(event.details())), is(bus.get("details")));
            assertThat(OrderEventCodec.fromJson(OrderEventCodec.toJson(event)), is(event));
        }
    }

    @Test
    void theConsoleKeepsDetailsByTheirJsonNamesNotTheirAliases() throws IOException {
        String app = Files.readString(Path.of("src/main/resources/web/app.js"), StandardCharsets.UTF_8);
        Matcher kept = Pattern.compile("const KEPT_DETAILS = \\[([^\\]]*)\\];").matcher(app);
        assertThat("app.js declares KEPT_DETAILS", kept.find(), is(true));
        List<String> names = Arrays.stream(kept.group(1).split(","))
                .map(name -> name.strip().replace("'", "")).toList();
        Set<String> jsonNames = Arrays.stream(EventField.values()).map(EventField::jsonName)
                .collect(Collectors.toSet());
        assertThat(names, not(empty()));
        assertThat(names, everyItem(is(in(jsonNames))));
    }

    private static Map<String, String> recorded() throws IOException {
        try (InputStream in = EventFacesTest.class.getResourceAsStream("event-faces.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.startsWith("#"))
                    .map(line -> line.split(" ", 3))
                    .collect(Collectors.toMap(parts -> parts[0] + " " + parts[1], parts -> parts[2],
                                              (a, b) -> a, LinkedHashMap::new));
        }
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static List<String> names(JsonNode json) {
        return json.properties().stream().map(Map.Entry::getKey).toList();
    }

    private static List<String> ownNames(EventView view) {
        return view.fields().stream().map(field -> field.key().fieldName()).toList();
    }

    private static Set<String> components(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).collect(Collectors.toSet());
    }

    private static List<String> append(List<String> names, String name) {
        return Stream.concat(names.stream(), Stream.of(name)).toList();
    }

    /** A JSON value that reads as the view's value (the JSON faces keep times to the millisecond). */
    private static org.hamcrest.Matcher<JsonNode> agreesWith(Object expected) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(JsonNode json) {
                Object read = fromJson(expected, json);
                if (read instanceof Instant instant) {
                    return instant.truncatedTo(ChronoUnit.MILLIS)
                            .equals(((Instant) expected).truncatedTo(ChronoUnit.MILLIS));
                }
                return normal(read).equals(normal(expected));
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("JSON reading as ").appendValue(expected);
            }
        };
    }

    /** A JSON value read as the type of the view's value. */
    private static Object fromJson(Object like, JsonNode json) {
        return switch (like) {
        case String text -> json.textValue();
        case Integer number -> json.isInt() ? json.intValue() : null;
        case Long number -> json.isIntegralNumber() ? json.longValue() : null;
        case BigDecimal decimal -> new BigDecimal(json.asText());
        case OrderStatus status -> OrderStatus.fromWireName(json.textValue()).orElse(null);
        case FailureCode code -> FailureCode.fromTag(json.textValue()).orElse(null);
        case Instant instant -> Instant.parse(json.textValue());
        case Quote quote -> new Quote(json.get("dex").textValue(), new BigDecimal(json.get("price").asText()),
                                      json.get("feeBps").intValue(), new BigDecimal(json.get("amountOut").asText()));
        case List<?> items -> json.isArray() && json.size() == items.size()
                ? IntStream.range(0, items.size()).mapToObj(i -> fromJson(items.get(i), json.get(i))).toList()
                : null;
        default -> throw new AssertionError("no JSON reading for " + like.getClass());
        };
    }

    /** A protobuf field's value read as the type of the view's value. */
    private static Object fromProto(Object like, Object proto) {
        return switch (like) {
        case BigDecimal decimal -> new BigDecimal((String) proto);
        case OrderStatus status -> OrderStatus.valueOf(((EnumValueDescriptor) proto).getName()
                                                               .substring("ORDER_STATUS_".length()));
        case FailureCode code -> FailureCode.valueOf(((EnumValueDescriptor) proto).getName()
                                                             .substring("FAILURE_CODE_".length()));
        case Instant instant -> Instant.ofEpochSecond(((Timestamp) proto).getSeconds(), ((Timestamp) proto).getNanos());
        case Quote quote -> {
            io.orderstream.proto.v1.Quote message = (io.orderstream.proto.v1.Quote) proto;
            yield new Quote(message.getDex(), new BigDecimal(message.getPrice()), message.getFeeBps(),
                            new BigDecimal(message.getAmountOut()));
        }
        case List<?> items -> IntStream.range(0, items.size())
                .mapToObj(i -> fromProto(items.get(i), ((List<?>) proto).get(i))).toList();
        default -> proto;
        };
    }

    /** Decimals by value, whatever their scale. */
    private static Object normal(Object value) {
        return switch (value) {
        case BigDecimal decimal -> decimal.stripTrailingZeros();
        case Quote quote -> new Quote(quote.dex(), quote.price().stripTrailingZeros(), quote.feeBps(),
                                      quote.amountOut().stripTrailingZeros());
        case List<?> items -> items.stream().map(EventFacesTest::normal).toList();
        case null, default -> value;
        };
    }
}

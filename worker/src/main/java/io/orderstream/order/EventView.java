package io.orderstream.order;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One order event as every face shows it: the {@link EventField}s it carries, in order, with
 * their values. Each face derives from it:
 * <ul>
 *     <li>the REST and WebSocket JSON write {@link #json()}: each field under its JSON name,
 *     followed by its aliases; the browser console reads that JSON;</li>
 *     <li>the gRPC face sets each of {@link #fields()} on the protobuf field of the same JSON name,
 *     and the command-line client reads the protobuf message;</li>
 *     <li>the bus and the stored details carry the {@link OrderEvent} and {@link EventDetails}
 *     records as Jackson writes them, under their components' names, which are the fields' own.</li>
 * </ul>
 * Values are as the records hold them (text, whole numbers, {@code BigDecimal}, {@link Quote},
 * a list of quotes, {@link OrderStatus}, {@link FailureCode}, {@code Instant}); each face formats
 * them its way.
 *
 * @param fields the fields the event carries, in {@link EventField} order
 */
public record EventView(List<Field> fields) {
    private static final List<EventField> ALL = List.of(EventField.values());

    /**
     * Copies the field list.
     *
     * @param fields the fields the event carries, in {@link EventField} order
     */
    public EventView {
        fields = List.copyOf(fields);
    }

    /**
     * The view of an event.
     *
     * @param event the event
     * @return every field it carries, with its value
     */
    public static EventView of(OrderEvent event) {
        List<Field> fields = new ArrayList<>(ALL.size());
        for (EventField field : ALL) {
            Object value = field.read(event);
            if (value != null) {
                fields.add(new Field(field, value));
            }
        }
        return new EventView(fields);
    }

    /**
     * What the REST and WebSocket JSON write, in order: each field under its JSON name, followed
     * by its aliases ({@link EventField#json(Object)}).
     *
     * @return names and values
     */
    public List<Named> json() {
        return fields.stream().flatMap(field -> field.key().json(field.value()).stream()).toList();
    }

    /**
     * The aliases the REST and WebSocket JSON write, with their values.
     *
     * @return alias name to value, in the order they are written
     */
    public Map<String, Object> aliases() {
        Map<String, Object> aliases = new LinkedHashMap<>();
        fields.forEach(field -> field.key().aliases()
                .forEach(alias -> aliases.put(alias.name(), alias.value().apply(field.value()))));
        return aliases;
    }

    /**
     * A field the event carries.
     *
     * @param key   which field
     * @param value its value, never null
     */
    public record Field(EventField key, Object value) {
    }

    /**
     * A name the JSON faces write, with its value.
     *
     * @param name  a field's JSON name or an alias
     * @param value the value under it
     */
    public record Named(String name, Object value) {
    }
}

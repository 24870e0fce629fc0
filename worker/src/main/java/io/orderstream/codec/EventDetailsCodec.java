package io.orderstream.codec;

import io.orderstream.order.EventDetails;
import io.orderstream.order.FailureCode;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Event details as the JSON text stored beside each event (and carried on the Redis bus): the
 * {@link EventDetails} record as Jackson writes it, each field under its component's name, which is
 * its {@link io.orderstream.order.EventField}'s own name.
 */
public final class EventDetailsCodec {
    // A shared buffer pool, not Jackson's default per-thread one: events are decoded on many
    // short- and long-lived virtual threads, each of which would otherwise keep its own buffers.
    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .recyclerPool(JsonRecyclerPools.newConcurrentDequePool())
                    .build())
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addMixIn(FailureCode.class, FailureCodeByTag.class)
            .build();

    private EventDetailsCodec() {
    }

    /** A failure code by its tag ({@code dex_error}), as the database and every face spell it. */
    private abstract static class FailureCodeByTag {
        @JsonValue
        abstract String tag();
    }

    /**
     * The mapper configured for event details, for codecs that embed them.
     *
     * @return shared, thread-safe mapper
     */
    static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Details as compact JSON.
     *
     * @param details the details
     * @return JSON text, {@code {}} when nothing is set
     */
    public static String toJson(EventDetails details) {
        try {
            return MAPPER.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Event details cannot be written as JSON", e);
        }
    }

    /**
     * Details from the JSON text {@link #toJson(EventDetails)} wrote.
     *
     * @param json stored text
     * @return the details
     */
    public static EventDetails fromJson(String json) {
        try {
            return MAPPER.readValue(json, EventDetails.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored event details are not valid JSON", e);
        }
    }
}

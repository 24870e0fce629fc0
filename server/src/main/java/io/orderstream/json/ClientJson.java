package io.orderstream.json;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads what a client sent as JSON (a REST body, a WebSocket message) with {@link OrderJson#MAPPER},
 * turning every way it can fail into one checked exception with a reason fit for the client.
 * <p>
 * Jackson signals most bad input with {@link JsonProcessingException}, but not all: a number
 * whose exponent is beyond what a {@code BigDecimal} holds ({@code 1e-2147483649}) escapes as a
 * bare {@link NumberFormatException}, which callers catching the former let through (a 500, a
 * WebSocket closed with 1011).
 */
public final class ClientJson {
    private static final String OUT_OF_RANGE = "a number is out of the range a decimal can hold";

    private ClientJson() {
    }

    /**
     * Reads one JSON document from bytes in an encoding JSON allows.
     *
     * @param bytes the document
     * @return the document's tree
     * @throws UnreadableJsonException when the bytes are not one JSON document
     */
    public static JsonNode read(byte[] bytes) throws UnreadableJsonException {
        try {
            return OrderJson.MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new UnreadableJsonException(e.getOriginalMessage());
        } catch (IOException e) {
            // Bytes that are no Unicode encoding JSON allows
            throw new UnreadableJsonException(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new UnreadableJsonException(OUT_OF_RANGE);
        }
    }

    /**
     * Reads one JSON document from text.
     *
     * @param text the document
     * @return the document's tree
     * @throws UnreadableJsonException when the text is not one JSON document
     */
    public static JsonNode read(String text) throws UnreadableJsonException {
        try {
            return OrderJson.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UnreadableJsonException(e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            throw new UnreadableJsonException(OUT_OF_RANGE);
        }
    }
}

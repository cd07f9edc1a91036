package dev.inkwell.examples.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;

/** JSON in and out, through one Jackson mapper: what every command and the server read and write. */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /**
     * The JSON text of a value built of maps, lists, strings and numbers.
     *
     * @param value the value
     * @return its JSON, on one line
     */
    public static String text(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass() + " as JSON", e);
        }
    }

    /**
     * The JSON bytes (UTF-8) of a value built of maps, lists, strings and numbers.
     *
     * @param value the value
     * @return its JSON
     */
    public static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass() + " as JSON", e);
        }
    }

    /**
     * Parses JSON bytes.
     *
     * @param json the bytes, UTF-8
     * @return the document
     * @throws IOException if the bytes are not JSON
     */
    public static JsonNode read(byte[] json) throws IOException {
        return MAPPER.readTree(json);
    }

    /**
     * {@code x} rounded to {@code decimals} places, or null when it is not finite (JSON has no NaN).
     *
     * @param x the number
     * @param decimals places after the point
     * @return the rounded number, or null
     */
    public static Double round(double x, int decimals) {
        if (!Double.isFinite(x)) {
            return null;
        }
        double scale = Math.pow(10, decimals);
        return Math.round(x * scale) / scale;
    }
}

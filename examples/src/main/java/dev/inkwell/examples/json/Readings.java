package dev.inkwell.examples.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.inkwell.mnist.reader.NumberReading;
import dev.inkwell.model.Prediction;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A number read from an image as JSON, the same for {@code ./inkwell read --json} and {@code POST /api/read}. */
public final class Readings {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Readings() {
    }

    /**
     * {@code {"digits", "confidence", "found": [{"box": {x, y, width, height}, "digit", "label", "confidence",
     * "top3": [{"digit", "label", "confidence"}]}]}}.
     *
     * @param reading the number
     * @return the JSON object as maps and lists
     */
    public static Map<String, Object> of(NumberReading reading) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("digits", reading.digits());
        out.put("confidence", round(reading.confidence()));
        List<Map<String, Object>> found = new ArrayList<>();
        for (NumberReading.Found f : reading.found()) {
            Map<String, Object> digit = new LinkedHashMap<>();
            digit.put("box", Map.of("x", f.x(), "y", f.y(), "width", f.width(), "height", f.height()));
            Prediction p = f.prediction();
            digit.put("digit", p.best());
            digit.put("label", p.label());
            digit.put("confidence", round(p.confidence()));
            List<Map<String, Object>> top = new ArrayList<>();
            int[] ranking = p.ranking();
            for (int r = 0; r < Math.min(3, ranking.length); r++) {
                Map<String, Object> alternative = new LinkedHashMap<>();
                alternative.put("digit", ranking[r]);
                alternative.put("label", p.classNames().get(ranking[r]));
                alternative.put("confidence", round(p.probabilities()[ranking[r]]));
                top.add(alternative);
            }
            digit.put("top3", top);
            found.add(digit);
        }
        out.put("found", found);
        return out;
    }

    /**
     * The JSON text of a value built of maps, lists, strings and numbers.
     *
     * @param value the value
     * @return its JSON, on one line
     */
    public static String text(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass() + " as JSON", e);
        }
    }

    /** Four decimals, as the text output prints. */
    private static double round(double x) {
        return Math.round(x * 1e4) / 1e4;
    }
}

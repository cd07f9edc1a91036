package dev.inkwell.examples.json;

import dev.inkwell.mnist.reader.NumberReading;
import dev.inkwell.model.Prediction;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Readings as JSON objects, the same for the commands and the server: a number ({@code ./inkwell read --json},
 * {@code POST /api/read}) and a single prediction ({@code ./inkwell predict --json}).
 */
public final class Readings {
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
        out.put("confidence", Json.round(reading.confidence(), 4));
        List<Map<String, Object>> found = new ArrayList<>();
        for (NumberReading.Found f : reading.found()) {
            Map<String, Object> digit = new LinkedHashMap<>();
            digit.put("box", Map.of("x", f.x(), "y", f.y(), "width", f.width(), "height", f.height()));
            digit.putAll(prediction(f.prediction()));
            found.add(digit);
        }
        out.put("found", found);
        return out;
    }

    /**
     * One prediction: {@code {"digit", "label", "confidence", "top3": [{"digit", "label", "confidence"}]}},
     * confidences to 4 decimals.
     *
     * @param p the prediction
     * @return the JSON object as maps and lists
     */
    public static Map<String, Object> prediction(Prediction p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("digit", p.best());
        out.put("label", p.label());
        out.put("confidence", Json.round(p.confidence(), 4));
        List<Map<String, Object>> top = new ArrayList<>();
        int[] ranking = p.ranking();
        for (int r = 0; r < Math.min(3, ranking.length); r++) {
            Map<String, Object> alternative = new LinkedHashMap<>();
            alternative.put("digit", ranking[r]);
            alternative.put("label", p.classNames().get(ranking[r]));
            alternative.put("confidence", Json.round(p.probabilities()[ranking[r]], 4));
            top.add(alternative);
        }
        out.put("top3", top);
        return out;
    }
}

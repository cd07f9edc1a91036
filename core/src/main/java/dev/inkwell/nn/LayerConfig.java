package dev.inkwell.nn;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A layer's type and settings as text, for summaries and model files: for example
 * {@code Conv2d in=1 out=32 kh=3 kw=3 stride=1 padding=0 bias=true}. {@link #toLayer()} makes a new,
 * unbuilt layer with those settings. Initialisation is not part of it: a loaded model brings its
 * weights.
 */
public record LayerConfig(String type, Map<String, String> settings) {

    public LayerConfig {
        if (!type.matches("[A-Za-z0-9]+")) {
            throw new IllegalArgumentException("bad layer type '" + type + "'");
        }
        for (Map.Entry<String, String> e : settings.entrySet()) {
            if (!e.getKey().matches("[a-z]+") || !e.getValue().matches("[A-Za-z0-9.+-]+")) {
                throw new IllegalArgumentException("bad setting '" + e.getKey() + "=" + e.getValue() + "' of " + type);
            }
        }
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /** Builds a config from alternating keys and values: {@code of("Linear", "in", 5, "out", 3)}. */
    static LayerConfig of(String type, Object... keyValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], String.valueOf(keyValues[i + 1]));
        }
        return new LayerConfig(type, m);
    }

    /** {@code Type key=value key=value}. */
    public String format() {
        StringBuilder sb = new StringBuilder(type);
        settings.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
        return sb.toString();
    }

    /** Reads what {@link #format()} wrote. */
    public static LayerConfig parse(String text) {
        String[] parts = text.trim().split(" +");
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("'" + parts[i] + "' in layer '" + text + "' is not key=value");
            }
            if (m.put(parts[i].substring(0, eq), parts[i].substring(eq + 1)) != null) {
                throw new IllegalArgumentException("setting '" + parts[i].substring(0, eq) + "' repeated in '" + text + "'");
            }
        }
        return new LayerConfig(parts[0], m);
    }

    private String get(String key) {
        String v = settings.get(key);
        if (v == null) {
            throw new IllegalArgumentException(type + " needs setting '" + key + "', has " + settings.keySet());
        }
        return v;
    }

    private int intValue(String key) {
        try {
            return Integer.parseInt(get(key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(type + " setting " + key + "=" + get(key) + " is not an integer", e);
        }
    }

    private double doubleValue(String key) {
        try {
            return Double.parseDouble(get(key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(type + " setting " + key + "=" + get(key) + " is not a number", e);
        }
    }

    private boolean booleanValue(String key) {
        String v = get(key);
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException(type + " setting " + key + "=" + v + " is not true or false");
        }
        return v.equals("true");
    }

    /** A new unbuilt layer with these settings; the settings are validated as the layer's own constructor does. */
    public Layer toLayer() {
        switch (type) {
            case "Conv2d":
                return new Conv2d(new Conv2d.Spec(intValue("in"), intValue("out"), intValue("kh"), intValue("kw"),
                        intValue("stride"), intValue("padding"), booleanValue("bias"), dev.inkwell.init.Init.PYTORCH_DEFAULT));
            case "Linear":
                return new Linear(new Linear.Spec(intValue("in"), intValue("out"), booleanValue("bias"),
                        dev.inkwell.init.Init.PYTORCH_DEFAULT));
            case "ReLU":
                return new ReLU();
            case "Flatten":
                return new Flatten();
            case "MaxPool2d":
                return new MaxPool2d(new Pool2d.Spec(intValue("kernel"), intValue("stride"), intValue("padding")));
            case "AvgPool2d":
                return new AvgPool2d(new Pool2d.Spec(intValue("kernel"), intValue("stride"), intValue("padding")));
            case "Dropout":
                return new Dropout(doubleValue("p"));
            case "BatchNorm2d":
                return new BatchNorm2d(new BatchNorm.Spec(intValue("features"), doubleValue("eps"),
                        doubleValue("momentum")));
            case "BatchNorm1d":
                return new BatchNorm1d(new BatchNorm.Spec(intValue("features"), doubleValue("eps"),
                        doubleValue("momentum")));
            default:
                throw new IllegalArgumentException("unknown layer type '" + type + "'");
        }
    }
}

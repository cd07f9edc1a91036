package dev.inkwell.nn;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A layer's type and settings as text, for summaries and model files: for example
 * {@code Conv2d in=1 out=32 kh=3 kw=3 stride=1 padding=0 bias=true}. A {@link LayerRegistry} makes a
 * new, unbuilt layer from it. Initialisation is not part of it: a loaded model brings its weights.
 *
 * @param type     the registered type name, letters and digits
 * @param settings keys of lower-case letters, values of letters, digits and {@code . + -}
 */
public record LayerConfig(String type, Map<String, String> settings) {

    /**
     * Checks the type and every setting against the characters a model file can hold.
     *
     * @param type the layer type, as registered in a {@link LayerRegistry}
     * @param settings the settings, in order
     */
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

    /**
     * Builds a config from alternating keys and values: {@code of("Linear", "in", 5, "out", 3)}.
     *
     * @param type the layer type
     * @param keyValues keys (strings) alternating with values
     * @return the config
     */
    public static LayerConfig of(String type, Object... keyValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], String.valueOf(keyValues[i + 1]));
        }
        return new LayerConfig(type, m);
    }

    /**
     * {@code Type key=value key=value}.
     *
     * @return the config as one line
     */
    public String format() {
        StringBuilder sb = new StringBuilder(type);
        settings.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
        return sb.toString();
    }

    /**
     * Reads what {@link #format()} wrote.
     *
     * @param text a line {@link #format()} wrote
     * @return the config
     */
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

    /**
     * The setting {@code key}; throws naming the type and its settings when it is missing.
     *
     * @param key the setting's name
     * @return its value
     */
    public String string(String key) {
        String v = settings.get(key);
        if (v == null) {
            throw new IllegalArgumentException(type + " needs setting '" + key + "', has " + settings.keySet());
        }
        return v;
    }

    /**
     * The setting {@code key} as an integer.
     *
     * @param key the setting's name
     * @return its value
     */
    public int intValue(String key) {
        try {
            return Integer.parseInt(string(key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(type + " setting " + key + "=" + string(key) + " is not an integer", e);
        }
    }

    /**
     * The setting {@code key} as a number.
     *
     * @param key the setting's name
     * @return its value
     */
    public double doubleValue(String key) {
        try {
            return Double.parseDouble(string(key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(type + " setting " + key + "=" + string(key) + " is not a number", e);
        }
    }

    /**
     * The setting {@code key}, {@code true} or {@code false}.
     *
     * @param key the setting's name
     * @return its value
     */
    public boolean booleanValue(String key) {
        String v = string(key);
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException(type + " setting " + key + "=" + v + " is not true or false");
        }
        return v.equals("true");
    }
}

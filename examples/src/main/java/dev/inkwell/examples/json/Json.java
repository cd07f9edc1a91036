package dev.inkwell.examples.json;

import java.util.Locale;

/** The two JSON value writers the commands need (strings and numbers); no library for that. */
public final class Json {
    private Json() {
    }

    public static String string(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /** A finite number with 6 decimals, or null (JSON has no NaN). */
    public static String number(double x) {
        return Double.isFinite(x) ? String.format(Locale.ROOT, "%.6f", x) : "null";
    }
}

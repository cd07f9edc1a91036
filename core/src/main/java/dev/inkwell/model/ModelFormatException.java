package dev.inkwell.model;

import java.io.IOException;

/** A model or checkpoint file that is damaged, of another version, or not one at all. */
public final class ModelFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public ModelFormatException(String message) {
        super(message);
    }

    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}

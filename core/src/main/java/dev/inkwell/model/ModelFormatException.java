package dev.inkwell.model;

import java.io.IOException;

/** A model or checkpoint file that is damaged, of another version, or not one at all. */
public final class ModelFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * A refusal with this message, which names the file when known.
     *
     * @param message what is wrong
     */
    public ModelFormatException(String message) {
        super(message);
    }

    /**
     * A refusal with this message and its cause.
     *
     * @param message what is wrong
     * @param cause the underlying failure
     */
    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}

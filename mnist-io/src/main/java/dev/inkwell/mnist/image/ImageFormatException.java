package dev.inkwell.mnist.image;

import java.io.IOException;

/** An image file that cannot be decoded, or is refused before decoding. The message names the file. */
public final class ImageFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /** The file or stream that could not be read. */
    private final String source;

    ImageFormatException(String source, String problem) {
        this(source, problem, null);
    }

    ImageFormatException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
        this.source = source;
    }

    /**
     * The file (or other source) that was being read.
     *
     * @return the source
     */
    public String source() {
        return source;
    }
}

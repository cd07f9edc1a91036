package dev.inkwell.mnist;

import java.io.IOException;

/**
 * An IDX file that breaks the format or does not hold what it must. The message names the file, the
 * byte offset (in the decompressed IDX content) and what was expected there.
 */
public final class IdxFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /** The file or stream that holds the fault. */
    private final String source;
    /** The byte offset of the fault. */
    private final long offset;

    IdxFormatException(String source, long offset, String problem) {
        this(source, offset, problem, null);
    }

    IdxFormatException(String source, long offset, String problem, Throwable cause) {
        super(source + ": at byte " + offset + ": " + problem, cause);
        this.source = source;
        this.offset = offset;
    }

    /**
     * The file (or other source) that was being read.
     *
     * @return the source
     */
    public String source() {
        return source;
    }

    /**
     * Byte offset of the problem in the IDX content (after decompression), or -1 when not at one place.
     *
     * @return the offset, or -1
     */
    public long offset() {
        return offset;
    }
}

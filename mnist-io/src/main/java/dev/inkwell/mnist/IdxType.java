package dev.inkwell.mnist;

/** The element types of the IDX format, with their type byte (the magic number's third byte) and size. */
public enum IdxType {
    /** Unsigned bytes: MNIST's pixels and labels. */
    UNSIGNED_BYTE(0x08, 1),
    /** Signed bytes. */
    SIGNED_BYTE(0x09, 1),
    /** 16-bit signed integers, big-endian. */
    SHORT(0x0B, 2),
    /** 32-bit signed integers, big-endian. */
    INT(0x0C, 4),
    /** 32-bit IEEE floats, big-endian. */
    FLOAT(0x0D, 4),
    /** 64-bit IEEE floats, big-endian. */
    DOUBLE(0x0E, 8);

    private final int code;
    private final int bytes;

    IdxType(int code, int bytes) {
        this.code = code;
        this.bytes = bytes;
    }

    /**
     * The type byte in the file.
     *
     * @return the code
     */
    public int code() {
        return code;
    }

    /**
     * Bytes per element.
     *
     * @return the size
     */
    public int bytes() {
        return bytes;
    }

    /** The type with this code, or null. */
    static IdxType ofCode(int code) {
        for (IdxType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }

    /**
     * Whether the values are integers (and {@link IdxArray#toIntArray()} is exact).
     *
     * @return whether the type is an integer type
     */
    public boolean isInteger() {
        return this != FLOAT && this != DOUBLE;
    }
}

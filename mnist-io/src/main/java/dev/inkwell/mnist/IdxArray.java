package dev.inkwell.mnist;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The content of one IDX file: an element type, the dimensions (outermost first) and the elements in
 * row-major order. Elements are kept as the file's big-endian bytes and converted on request.
 * Immutable.
 */
public final class IdxArray {
    private final IdxType type;
    private final int[] dims;
    private final int count;
    private final byte[] data;

    IdxArray(IdxType type, int[] dims, byte[] data) {
        this.type = type;
        this.dims = dims;
        this.count = data.length / type.bytes();
        this.data = data;
    }

    private static int[] checkedDims(int[] dims, int length) {
        if (dims.length == 0 || dims.length > 255) {
            throw new IllegalArgumentException("an IDX array has 1 to 255 dimensions, got " + dims.length);
        }
        long n = 1;
        for (int d : dims) {
            if (d < 1) {
                throw new IllegalArgumentException("dimensions must be positive, got " + Arrays.toString(dims));
            }
            n *= d;
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("dimensions " + Arrays.toString(dims) + " exceed " + Integer.MAX_VALUE
                        + " elements");
            }
        }
        if (n != length) {
            throw new IllegalArgumentException("dimensions " + Arrays.toString(dims) + " need " + n + " elements, got "
                    + length);
        }
        return dims.clone();
    }

    private static ByteBuffer buffer(IdxType type, int count) {
        return ByteBuffer.allocate(Math.multiplyExact(count, type.bytes())).order(ByteOrder.BIG_ENDIAN);
    }

    /**
     * Unsigned bytes 0..255 (type 0x08), as MNIST images and labels.
     *
     * @param values the elements, row-major
     * @param dims the dimension sizes
     * @return the array
     */
    public static IdxArray ofUnsignedBytes(byte[] values, int... dims) {
        return new IdxArray(IdxType.UNSIGNED_BYTE, checkedDims(dims, values.length), values.clone());
    }

    /**
     * An array of signed bytes with these dimensions.
     *
     * @param values the elements, row-major
     * @param dims the dimension sizes
     * @return the array
     */
    public static IdxArray ofSignedBytes(byte[] values, int... dims) {
        return new IdxArray(IdxType.SIGNED_BYTE, checkedDims(dims, values.length), values.clone());
    }

    /**
     * An array of shorts with these dimensions.
     *
     * @param values the elements, row-major
     * @param dims the dimension sizes
     * @return the array
     */
    public static IdxArray ofShorts(short[] values, int... dims) {
        ByteBuffer b = buffer(IdxType.SHORT, values.length);
        b.asShortBuffer().put(values);
        return new IdxArray(IdxType.SHORT, checkedDims(dims, values.length), b.array());
    }

    /**
     * An array of ints with these dimensions.
     *
     * @param values the elements, row-major
     * @param dims the dimension sizes
     * @return the array
     */
    public static IdxArray ofInts(int[] values, int... dims) {
        ByteBuffer b = buffer(IdxType.INT, values.length);
        b.asIntBuffer().put(values);
        return new IdxArray(IdxType.INT, checkedDims(dims, values.length), b.array());
    }

    /**
     * An array of floats with these dimensions.
     *
     * @param values the elements, row-major
     * @param dims the dimension sizes
     * @return the array
     */
    public static IdxArray ofFloats(float[] values, int... dims) {
        ByteBuffer b = buffer(IdxType.FLOAT, values.length);
        b.asFloatBuffer().put(values);
        return new IdxArray(IdxType.FLOAT, checkedDims(dims, values.length), b.array());
    }

    /**
     * An array of doubles with these dimensions.
     *
     * @param values the elements, row-major
     * @param dims the dimension sizes
     * @return the array
     */
    public static IdxArray ofDoubles(double[] values, int... dims) {
        ByteBuffer b = buffer(IdxType.DOUBLE, values.length);
        b.asDoubleBuffer().put(values);
        return new IdxArray(IdxType.DOUBLE, checkedDims(dims, values.length), b.array());
    }

    /**
     * The element type.
     *
     * @return the type
     */
    public IdxType type() {
        return type;
    }

    /**
     * All dimension sizes, outermost first.
     *
     * @return the sizes
     */
    public int[] dims() {
        return dims.clone();
    }

    /**
     * The number of dimensions.
     *
     * @return the rank
     */
    public int rank() {
        return dims.length;
    }

    /**
     * The size of dimension {@code i}.
     *
     * @param i the dimension
     * @return its size
     */
    public int dim(int i) {
        return dims[i];
    }

    /**
     * Number of elements.
     *
     * @return the count
     */
    public int count() {
        return count;
    }

    /**
     * Element {@code i} (row-major) as a double, exact for every type.
     *
     * @param i the flat index
     * @return the element
     */
    public double get(int i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException("element " + i + " of " + count);
        }
        return value(bigEndian(), i);
    }

    private ByteBuffer bigEndian() {
        return ByteBuffer.wrap(data).order(ByteOrder.BIG_ENDIAN);
    }

    private double value(ByteBuffer b, int i) {
        return switch (type) {
            case UNSIGNED_BYTE -> data[i] & 0xFF;
            case SIGNED_BYTE -> data[i];
            case SHORT -> b.getShort(i * 2);
            case INT -> b.getInt(i * 4);
            case FLOAT -> b.getFloat(i * 4);
            case DOUBLE -> b.getDouble(i * 8);
        };
    }

    /**
     * The elements of an unsigned-byte array as stored (0..255 in Java's signed bytes); a copy.
     *
     * @return the bytes
     */
    public byte[] toUnsignedBytes() {
        requireType(IdxType.UNSIGNED_BYTE);
        return data.clone();
    }

    /**
     * The elements of an integer-typed array as ints (unsigned bytes as 0..255).
     *
     * @return the ints
     */
    public int[] toIntArray() {
        if (!type.isInteger()) {
            throw new IllegalStateException("a " + type + " IDX array does not hold integers");
        }
        int[] out = new int[count];
        ByteBuffer b = bigEndian();
        for (int i = 0; i < count; i++) {
            out[i] = (int) value(b, i);
        }
        return out;
    }

    /**
     * The elements as floats (exact for every type but large ints and doubles, which are rounded).
     *
     * @return the floats
     */
    public float[] toFloatArray() {
        float[] out = new float[count];
        ByteBuffer b = bigEndian();
        if (type == IdxType.FLOAT) {
            b.asFloatBuffer().get(out);
            return out;
        }
        for (int i = 0; i < count; i++) {
            out[i] = (float) value(b, i);
        }
        return out;
    }

    /**
     * The elements as doubles (exact for every type).
     *
     * @return the doubles
     */
    public double[] toDoubleArray() {
        double[] out = new double[count];
        ByteBuffer b = bigEndian();
        if (type == IdxType.DOUBLE) {
            b.asDoubleBuffer().get(out);
            return out;
        }
        for (int i = 0; i < count; i++) {
            out[i] = value(b, i);
        }
        return out;
    }

    /** The big-endian element bytes, not copied: for the writer and the dataset loader in this package. */
    byte[] rawData() {
        return data;
    }

    private void requireType(IdxType wanted) {
        if (type != wanted) {
            throw new IllegalStateException("the IDX array holds " + type + ", not " + wanted);
        }
    }

    @Override
    public String toString() {
        return "IdxArray(" + type + ", " + Arrays.toString(dims) + ")";
    }
}

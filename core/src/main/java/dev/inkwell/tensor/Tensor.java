package dev.inkwell.tensor;

import java.util.Arrays;

/**
 * A float32 tensor: a shape over a contiguous, row-major (NCHW) range of a {@code float[]}.
 * A tensor may be a view of a larger array (see {@link #slice}); writes through a view are
 * visible in the array it views.
 */
public final class Tensor {
    private final Shape shape;
    private final float[] data;
    private final int offset;

    /**
     * A view of {@code data[offset .. offset + shape.size())}.
     *
     * @param shape the shape
     * @param data the backing array
     * @param offset where the tensor starts in it
     */
    public Tensor(Shape shape, float[] data, int offset) {
        if (offset < 0 || (long) offset + shape.size() > data.length) {
            throw new IllegalArgumentException("a tensor of shape " + shape + " at offset " + offset
                    + " does not fit in an array of " + data.length + " floats");
        }
        this.shape = shape;
        this.data = data;
        this.offset = offset;
    }

    /**
     * A new zero-filled tensor.
     *
     * @param shape the shape
     * @return the tensor
     */
    public static Tensor zeros(Shape shape) {
        return new Tensor(shape, new float[shape.size()], 0);
    }

    /**
     * A tensor that owns a copy of {@code values}, which must have exactly {@code shape.size()} elements.
     *
     * @param shape the shape
     * @param values the elements, row-major
     * @return the tensor
     */
    public static Tensor of(Shape shape, float... values) {
        if (values.length != shape.size()) {
            throw new IllegalArgumentException("shape " + shape + " needs " + shape.size() + " values, got "
                    + values.length);
        }
        return new Tensor(shape, values.clone(), 0);
    }

    /**
     * The tensor's shape.
     *
     * @return the shape
     */
    public Shape shape() {
        return shape;
    }

    /**
     * The backing array; the tensor's elements start at {@link #offset()}.
     *
     * @return the array
     */
    public float[] data() {
        return data;
    }

    /**
     * Where the tensor starts in {@link #data()}.
     *
     * @return the offset
     */
    public int offset() {
        return offset;
    }

    /**
     * The number of elements.
     *
     * @return the element count
     */
    public int size() {
        return shape.size();
    }

    /**
     * Element at a flat (row-major) index.
     *
     * @param index the flat index
     * @return the element
     */
    public float get(int index) {
        return data[offset + checkIndex(index)];
    }

    /**
     * Sets element {@code index} (row-major).
     *
     * @param index the flat index
     * @param value the new value
     */
    public void set(int index, float value) {
        data[offset + checkIndex(index)] = value;
    }

    /**
     * Element at a multi-dimensional index, one coordinate per dimension.
     *
     * @param index one coordinate per dimension
     * @return the element
     */
    public float at(int... index) {
        return data[offset + flatIndex(index)];
    }

    /**
     * A view of {@code count} consecutive entries along the first dimension, starting at {@code start}:
     * for a batch [N, C, H, W], images {@code start .. start+count-1} as [count, C, H, W].
     *
     * @param start the first entry
     * @param count the number of entries
     * @return the view
     */
    public Tensor slice(int start, int count) {
        int n = shape.dim(0);
        if (start < 0 || count < 1 || start + count > n) {
            throw new IndexOutOfBoundsException("slice [" + start + ", " + (start + count) + ") of first dimension "
                    + n + " in shape " + shape);
        }
        Shape item = shape.withoutBatch();
        return new Tensor(item.withBatch(count), data, offset + start * item.size());
    }

    /**
     * The same elements under another shape with the same element count (no copy).
     *
     * @param newShape the new shape
     * @return the view
     */
    public Tensor reshape(Shape newShape) {
        if (newShape.size() != shape.size()) {
            throw new IllegalArgumentException("cannot reshape " + shape + " (" + shape.size() + " elements) to "
                    + newShape + " (" + newShape.size() + " elements)");
        }
        return new Tensor(newShape, data, offset);
    }

    /**
     * A copy of the elements as a new array.
     *
     * @return the copy
     */
    public float[] toArray() {
        return Arrays.copyOfRange(data, offset, offset + shape.size());
    }

    /**
     * A tensor that owns a copy of these elements.
     *
     * @return the copy
     */
    public Tensor copy() {
        return new Tensor(shape, toArray(), 0);
    }

    private int checkIndex(int index) {
        if (index < 0 || index >= shape.size()) {
            throw new IndexOutOfBoundsException("index " + index + " out of range for shape " + shape);
        }
        return index;
    }

    private int flatIndex(int[] index) {
        if (index.length != shape.rank()) {
            throw new IllegalArgumentException(index.length + " coordinates given for a tensor of rank "
                    + shape.rank());
        }
        int flat = 0;
        for (int d = 0; d < index.length; d++) {
            if (index[d] < 0 || index[d] >= shape.dim(d)) {
                throw new IndexOutOfBoundsException("coordinate " + index[d] + " out of range for dimension " + d
                        + " of shape " + shape);
            }
            flat = flat * shape.dim(d) + index[d];
        }
        return flat;
    }

    @Override
    public String toString() {
        return "Tensor" + shape;
    }
}

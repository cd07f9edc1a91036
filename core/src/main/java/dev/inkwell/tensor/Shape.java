package dev.inkwell.tensor;

import java.util.Arrays;

/**
 * The dimensions of a tensor, outermost first (NCHW for activations). Immutable; every
 * dimension is at least 1 and the element count fits in an {@code int}.
 */
public final class Shape {
    private final int[] dims;
    private final int size;

    private Shape(int[] dims) {
        long n = 1;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] < 1) {
                throw new IllegalArgumentException("dimension " + i + " of " + Arrays.toString(dims) + " is "
                        + dims[i] + "; every dimension must be at least 1");
            }
            n *= dims[i];
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("shape " + Arrays.toString(dims) + " has more than "
                        + Integer.MAX_VALUE + " elements");
            }
        }
        this.dims = dims;
        this.size = (int) n;
    }

    /**
     * A shape of these dimension sizes, each at least 1.
     *
     * @param dims the dimension sizes
     * @return the shape
     */
    public static Shape of(int... dims) {
        return new Shape(dims.clone());
    }

    /**
     * Number of dimensions.
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
     * Total number of elements (1 for rank 0).
     *
     * @return the element count
     */
    public int size() {
        return size;
    }

    /**
     * The dimension sizes, a copy.
     *
     * @return the sizes
     */
    public int[] toArray() {
        return dims.clone();
    }

    /**
     * This shape with {@code n} prepended, e.g. a per-sample shape turned into a batch shape.
     *
     * @param n the batch size
     * @return the batch shape
     */
    public Shape withBatch(int n) {
        int[] d = new int[dims.length + 1];
        d[0] = n;
        System.arraycopy(dims, 0, d, 1, dims.length);
        return new Shape(d);
    }

    /**
     * This shape without its first dimension.
     *
     * @return the shape of one sample
     */
    public Shape withoutBatch() {
        if (dims.length == 0) {
            throw new IllegalStateException("a scalar shape has no batch dimension");
        }
        return new Shape(Arrays.copyOfRange(dims, 1, dims.length));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** For example {@code [64, 1, 28, 28]}. */
    @Override
    public String toString() {
        return Arrays.toString(dims);
    }
}

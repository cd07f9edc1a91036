package dev.inkwell.kernels;

/** Argument checks shared by the kernel implementations: one check per call, not per element. */
public final class Checks {
    private Checks() {
    }

    /**
     * Fails unless {@code array[off .. off + n)} lies inside the array.
     *
     * @param what what the range is, for the message
     * @param array the array
     * @param off index of the range's first element
     * @param n the length of the range
     * @throws IndexOutOfBoundsException if the range leaves the array
     */
    public static void range(String what, float[] array, int off, int n) {
        if (off < 0 || n < 0 || (long) off + n > array.length) {
            throw new IndexOutOfBoundsException(what + ": range [" + off + ", " + ((long) off + n)
                    + ") is outside an array of " + array.length);
        }
    }

    /**
     * Checks the arguments of {@link Kernels#copyRows}.
     *
     * @param src as in {@link Kernels#copyRows}
     * @param srcOff as in {@link Kernels#copyRows}
     * @param srcStride as in {@link Kernels#copyRows}
     * @param dst as in {@link Kernels#copyRows}
     * @param dstOff as in {@link Kernels#copyRows}
     * @param dstStride as in {@link Kernels#copyRows}
     * @param rows as in {@link Kernels#copyRows}
     * @param width as in {@link Kernels#copyRows}
     */
    public static void copyRows(float[] src, int srcOff, int srcStride, float[] dst, int dstOff, int dstStride,
                                int rows, int width) {
        block("copyRows src", src, srcOff, rows, width, srcStride);
        block("copyRows dst", dst, dstOff, rows, width, dstStride);
    }

    /** Fails unless every shifted window of rows x width values, rows xStride apart, lies inside x. */
    private static void shifted(String what, float[] x, int off, int xStride, int[] shifts, int rows, int width) {
        if (rows < 0 || width < 0) {
            throw new IllegalArgumentException(what + ": negative size " + rows + "x" + width);
        }
        for (int shift : shifts) {
            if (shift < 0) {
                throw new IllegalArgumentException(what + ": negative shift " + shift);
            }
            matrix(what, x, off + shift, rows, width, xStride);
        }
    }

    /**
     * Checks the arguments of {@link Kernels#shiftedSums}.
     *
     * @param x as in {@link Kernels#shiftedSums}
     * @param xOff as in {@link Kernels#shiftedSums}
     * @param xStride as in {@link Kernels#shiftedSums}
     * @param shifts as in {@link Kernels#shiftedSums}
     * @param w as in {@link Kernels#shiftedSums}
     * @param wOff as in {@link Kernels#shiftedSums}
     * @param bias as in {@link Kernels#shiftedSums}
     * @param biasOff as in {@link Kernels#shiftedSums}
     * @param channels as in {@link Kernels#shiftedSums}
     * @param out as in {@link Kernels#shiftedSums}
     * @param outOff as in {@link Kernels#shiftedSums}
     * @param rows as in {@link Kernels#shiftedSums}
     * @param width as in {@link Kernels#shiftedSums}
     */
    public static void shiftedSums(float[] x, int xOff, int xStride, int[] shifts, float[] w, int wOff, float[] bias,
                                   int biasOff, int channels, float[] out, int outOff, int rows, int width) {
        shifted("shiftedSums x", x, xOff, xStride, shifts, rows, width);
        range("shiftedSums w", w, wOff, channels * shifts.length);
        if (bias != null) {
            range("shiftedSums bias", bias, biasOff, channels);
        }
        range("shiftedSums out", out, outOff, channels * rows * width);
    }

    /**
     * Checks the arguments of {@link Kernels#packConvWeights}.
     *
     * @param w as in {@link Kernels#packConvWeights}
     * @param wOff as in {@link Kernels#packConvWeights}
     * @param bias as in {@link Kernels#packConvWeights}
     * @param biasOff as in {@link Kernels#packConvWeights}
     * @param norm as in {@link Kernels#packConvWeights}
     * @param cout as in {@link Kernels#packConvWeights}
     * @param k weight rows, taps·Cin
     * @param packed as in {@link Kernels#packConvWeights}
     * @param packedSize the size {@link Kernels#packedConvWeightsSize} gives
     */
    public static void packConvWeights(float[] w, int wOff, float[] bias, int biasOff, float[] norm, int cout, int k,
                                       float[] packed, int packedSize) {
        range("packConvWeights w", w, wOff, cout * k);
        if (bias != null) {
            range("packConvWeights bias", bias, biasOff, cout);
        }
        if (norm != null) {
            range("packConvWeights norm", norm, 0, 4 * cout);
        }
        range("packConvWeights packed", packed, 0, packedSize);
    }

    /**
     * Checks the arguments of {@link Kernels#pooledConv}.
     *
     * @param x as in {@link Kernels#pooledConv}
     * @param xOff as in {@link Kernels#pooledConv}
     * @param pixelStride as in {@link Kernels#pooledConv}
     * @param rowStride as in {@link Kernels#pooledConv}
     * @param offsets as in {@link Kernels#pooledConv}
     * @param packed as in {@link Kernels#pooledConv}
     * @param packedSize the size {@link Kernels#packedConvWeightsSize} gives
     * @param cout as in {@link Kernels#pooledConv}
     * @param y as in {@link Kernels#pooledConv}
     * @param yOff as in {@link Kernels#pooledConv}
     * @param pooledHeight as in {@link Kernels#pooledConv}
     * @param pooledWidth as in {@link Kernels#pooledConv}
     */
    public static void pooledConv(float[] x, int xOff, int pixelStride, int rowStride, int[] offsets, float[] packed,
                                  int packedSize, int cout, float[] y, int yOff, int pooledHeight, int pooledWidth) {
        if (cout < 1 || pixelStride < 0 || rowStride < 0 || pooledHeight < 0 || pooledWidth < 0) {
            throw new IllegalArgumentException("pooledConv: cout " + cout + ", strides " + pixelStride + " and "
                    + rowStride + ", pooled size " + pooledHeight + "x" + pooledWidth);
        }
        range("pooledConv packed", packed, 0, packedSize);
        range("pooledConv y", y, yOff, pooledHeight * pooledWidth * cout);
        if (pooledHeight == 0 || pooledWidth == 0) {
            return;
        }
        long last = xOff + (long) (2 * pooledHeight - 1) * rowStride + (long) (2 * pooledWidth - 1) * pixelStride;
        for (int offset : offsets) {
            if (offset < 0 || last + offset >= x.length) {
                throw new IndexOutOfBoundsException("pooledConv x: offset " + offset + " reads past an array of "
                        + x.length + " (last window pixel at " + last + ")");
            }
        }
        if (xOff < 0) {
            throw new IndexOutOfBoundsException("pooledConv x: negative offset " + xOff);
        }
    }

    /**
     * Checks the arguments of {@link Kernels#shiftedDots}.
     *
     * @param g as in {@link Kernels#shiftedDots}
     * @param gOff as in {@link Kernels#shiftedDots}
     * @param channels as in {@link Kernels#shiftedDots}
     * @param x as in {@link Kernels#shiftedDots}
     * @param xOff as in {@link Kernels#shiftedDots}
     * @param xStride as in {@link Kernels#shiftedDots}
     * @param shifts as in {@link Kernels#shiftedDots}
     * @param dots as in {@link Kernels#shiftedDots}
     * @param dotsOff as in {@link Kernels#shiftedDots}
     * @param rows as in {@link Kernels#shiftedDots}
     * @param width as in {@link Kernels#shiftedDots}
     */
    public static void shiftedDots(float[] g, int gOff, int channels, float[] x, int xOff, int xStride, int[] shifts,
                                   float[] dots, int dotsOff, int rows, int width) {
        range("shiftedDots g", g, gOff, channels * rows * width);
        shifted("shiftedDots x", x, xOff, xStride, shifts, rows, width);
        range("shiftedDots dots", dots, dotsOff, channels * shifts.length);
    }

    /**
     * Checks the arguments of {@link Kernels#sgemm} and returns nothing when they are valid.
     *
     * @param transA as in {@link Kernels#sgemm}
     * @param transB as in {@link Kernels#sgemm}
     * @param m as in {@link Kernels#sgemm}
     * @param n as in {@link Kernels#sgemm}
     * @param k as in {@link Kernels#sgemm}
     * @param a as in {@link Kernels#sgemm}
     * @param aOff as in {@link Kernels#sgemm}
     * @param lda as in {@link Kernels#sgemm}
     * @param b as in {@link Kernels#sgemm}
     * @param bOff as in {@link Kernels#sgemm}
     * @param ldb as in {@link Kernels#sgemm}
     * @param c as in {@link Kernels#sgemm}
     * @param cOff as in {@link Kernels#sgemm}
     * @param ldc as in {@link Kernels#sgemm}
     */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k,
                             float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                             float[] c, int cOff, int ldc) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("sgemm: negative dimension m=" + m + " n=" + n + " k=" + k);
        }
        if (transA && transB) {
            throw new IllegalArgumentException("sgemm: A^T·B^T is not supported; compute (B·A)^T instead");
        }
        int aRows = transA ? k : m, aCols = transA ? m : k;
        int bRows = transB ? n : k, bCols = transB ? k : n;
        matrix("sgemm A", a, aOff, aRows, aCols, lda);
        matrix("sgemm B", b, bOff, bRows, bCols, ldb);
        matrix("sgemm C", c, cOff, m, n, ldc);
        if (c == a || c == b) {
            throw new IllegalArgumentException("sgemm: C must not share its array with A or B");
        }
    }

    /** A block of rows x cols values whose rows are ld apart, ld being at least cols. */
    private static void matrix(String what, float[] x, int off, int rows, int cols, int ld) {
        if (ld < cols) {
            throw new IllegalArgumentException(what + ": leading dimension " + ld + " < " + cols + " columns");
        }
        block(what, x, off, rows, cols, ld);
    }

    /** Fails unless rows x cols values, rows ld apart from off, lie inside x; an empty block touches nothing. */
    private static void block(String what, float[] x, int off, int rows, int cols, int ld) {
        if (rows < 0 || cols < 0 || ld < 0) {
            throw new IllegalArgumentException(what + ": negative rows " + rows + ", width " + cols + " or stride "
                    + ld);
        }
        if (rows == 0 || cols == 0) {
            return;
        }
        long last = off + (long) (rows - 1) * ld + cols;
        if (off < 0 || last > x.length) {
            throw new IndexOutOfBoundsException(what + ": a " + rows + "x" + cols + " block at offset " + off
                    + " with rows " + ld + " apart needs " + last + " floats, the array has " + x.length);
        }
    }
}

package dev.inkwell.kernels;

import java.util.Arrays;

/**
 * Memory-layout kernels of convolution: im2row / row2im, which turn a convolution into SGEMMs,
 * transposition and padding.
 *
 * <p>Layouts: an image is (C, H, W); its row matrix is (OH·OW, C·KH·KW). Column
 * {@code (c·KH + ki)·KW + kj} matches the PyTorch weight layout (Cout, Cin, KH, KW) flattened to
 * (Cout, Cin·KH·KW).
 */
public final class ConvKernels {
    private ConvKernels() {
    }

    /** Output extent of a convolution or pooling window along one axis (floor mode). */
    public static int outputSize(int in, int kernel, int stride, int padding) {
        return (in + 2 * padding - kernel) / stride + 1;
    }

    /**
     * Fills rows (OH·OW, C·KH·KW) from image x (C, H, W): row p = oh·OW + ow holds the input window of
     * output position p, column (c·KH + ki)·KW + kj the value x[c, oh·s + ki - pad, ow·s + kj - pad]
     * (zero outside the image). This is the transpose of the usual im2col: it makes the long
     * dimension of every convolution product (output channels, or C·KH·KW) the contiguous one.
     */
    public static void im2row(float[] x, int xOff, int c, int h, int w, int kh, int kw, int stride, int pad,
                              float[] rows, int rowsOff) {
        int oh = outputSize(h, kh, stride, pad), ow = outputSize(w, kw, stride, pad);
        int k = c * kh * kw;
        Checks.range("im2row x", x, xOff, c * h * w);
        Checks.range("im2row rows", rows, rowsOff, oh * ow * k);
        int dst = rowsOff;
        for (int y = 0; y < oh; y++) {
            for (int xo = 0; xo < ow; xo++) {
                int x0 = xo * stride - pad;
                boolean inside = x0 >= 0 && x0 + kw <= w;
                for (int ch = 0; ch < c; ch++) {
                    int plane = xOff + ch * h * w;
                    for (int ki = 0; ki < kh; ki++) {
                        int iy = y * stride + ki - pad;
                        if (iy < 0 || iy >= h) {
                            Arrays.fill(rows, dst, dst + kw, 0f);
                        } else if (inside) {
                            System.arraycopy(x, plane + iy * w + x0, rows, dst, kw);
                        } else {
                            for (int kj = 0; kj < kw; kj++) {
                                int ix = x0 + kj;
                                rows[dst + kj] = ix >= 0 && ix < w ? x[plane + iy * w + ix] : 0f;
                            }
                        }
                        dst += kw;
                    }
                }
            }
        }
    }

    /**
     * The adjoint of {@link #im2row}: sets image gx (C, H, W) to the sum, over every entry of rows, of
     * the entry added at the input position it was copied from.
     */
    public static void row2im(float[] rows, int rowsOff, int c, int h, int w, int kh, int kw, int stride, int pad,
                              float[] gx, int gxOff) {
        int oh = outputSize(h, kh, stride, pad), ow = outputSize(w, kw, stride, pad);
        Checks.range("row2im rows", rows, rowsOff, oh * ow * c * kh * kw);
        Checks.range("row2im gx", gx, gxOff, c * h * w);
        Arrays.fill(gx, gxOff, gxOff + c * h * w, 0f);
        int src = rowsOff;
        for (int y = 0; y < oh; y++) {
            for (int xo = 0; xo < ow; xo++) {
                int x0 = xo * stride - pad;
                for (int ch = 0; ch < c; ch++) {
                    int plane = gxOff + ch * h * w;
                    for (int ki = 0; ki < kh; ki++) {
                        int iy = y * stride + ki - pad;
                        if (iy >= 0 && iy < h) {
                            for (int kj = 0; kj < kw; kj++) {
                                int ix = x0 + kj;
                                if (ix >= 0 && ix < w) {
                                    gx[plane + iy * w + ix] += rows[src + kj];
                                }
                            }
                        }
                        src += kw;
                    }
                }
            }
        }
    }

    /** Writes the (cols x rows) transpose of the (rows x cols) matrix a into t. */
    public static void transpose(float[] a, int aOff, int rows, int cols, float[] t, int tOff) {
        Checks.range("transpose a", a, aOff, rows * cols);
        Checks.range("transpose t", t, tOff, rows * cols);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[tOff + c * rows + r] = a[aOff + r * cols + c];
            }
        }
    }

    /** Copies image x (C, H, W) into the centre of a zeroed (C, H+2p, W+2p) image. */
    public static void pad(float[] x, int xOff, int c, int h, int w, int p, float[] out, int outOff) {
        int hp = h + 2 * p, wp = w + 2 * p;
        Checks.range("pad x", x, xOff, c * h * w);
        Checks.range("pad out", out, outOff, c * hp * wp);
        Arrays.fill(out, outOff, outOff + c * hp * wp, 0f);
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < h; y++) {
                System.arraycopy(x, xOff + (ch * h + y) * w, out, outOff + (ch * hp + y + p) * wp + p, w);
            }
        }
    }
}

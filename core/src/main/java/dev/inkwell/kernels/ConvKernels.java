package dev.inkwell.kernels;

import java.util.Arrays;

/**
 * Memory-layout kernels of convolution: the channels-last copy of an image, im2row / row2im over it,
 * which turn a convolution into SGEMMs, transposition and padding.
 *
 * <p>Layouts: an image is (C, H, W); its channels-last copy x̃ is (H·W, C), each pixel's channels
 * side by side; its row matrix is (OH·OW, KH·KW·C), taps outer and channels inner, so that each
 * row is a few long copies out of x̃.
 */
public final class ConvKernels {
    private ConvKernels() {
    }

    /**
     * Output extent of a convolution or pooling window along one axis (floor mode).
     *
     * @param in the input extent
     * @param kernel the window extent
     * @param stride the step between windows
     * @param padding zeros added on each side
     * @return the number of window positions
     */
    public static int outputSize(int in, int kernel, int stride, int padding) {
        return (in + 2 * padding - kernel) / stride + 1;
    }

    /**
     * x (C, H, W) -> x̃ (Hp·Wp, C), channels last, with {@code pad} zeros on every side (Hp = H + 2·pad).
     *
     * @param x the image
     * @param xOff index of its first element
     * @param c channels
     * @param h height
     * @param w width
     * @param pad zeros added on every side
     * @param xt the channels-last copy, written
     * @param xtOff index of its first element
     */
    public static void toChannelsLast(float[] x, int xOff, int c, int h, int w, int pad, float[] xt, int xtOff) {
        int wp = w + 2 * pad, size = (h + 2 * pad) * wp * c;
        Checks.range("toChannelsLast x", x, xOff, c * h * w);
        Checks.range("toChannelsLast x~", xt, xtOff, size);
        if (pad > 0) {
            Arrays.fill(xt, xtOff, xtOff + size, 0f);
        }
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < h; y++) {
                int src = xOff + (ch * h + y) * w;
                int dst = xtOff + ((y + pad) * wp + pad) * c + ch;
                for (int i = 0; i < w; i++) {
                    xt[dst + i * c] = x[src + i];
                }
            }
        }
    }

    /**
     * The inverse of {@link #toChannelsLast}: the interior of x̃ (Hp·Wp, C) -> x (C, H, W).
     *
     * @param xt the channels-last image
     * @param xtOff index of its first element
     * @param c channels
     * @param h height without padding
     * @param w width without padding
     * @param pad the padding to drop on every side
     * @param x the (C, H, W) image, written
     * @param xOff index of its first element
     */
    public static void fromChannelsLast(float[] xt, int xtOff, int c, int h, int w, int pad, float[] x, int xOff) {
        int wp = w + 2 * pad;
        Checks.range("fromChannelsLast x~", xt, xtOff, (h + 2 * pad) * wp * c);
        Checks.range("fromChannelsLast x", x, xOff, c * h * w);
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < h; y++) {
                int dst = xOff + (ch * h + y) * w;
                int src = xtOff + ((y + pad) * wp + pad) * c + ch;
                for (int i = 0; i < w; i++) {
                    x[dst + i] = xt[src + i * c];
                }
            }
        }
    }

    /**
     * Unfolds a channels-last image x̃ (Hp·Wp, C) into rows (OH·OW, KH·KW·C): row q = oh·OW + ow holds
     * the window of output q tap by tap, column (ki·KW + kj)·C + c being x̃[(oh·s + ki)·Wp + ow·s + kj, c].
     * A kernel row's KW·C values lie side by side in x̃, so a window is KH contiguous copies.
     *
     * @param xt the channels-last image, padding included
     * @param xtOff index of its first element
     * @param c channels
     * @param hp height, padding included
     * @param wp width, padding included
     * @param kh kernel height
     * @param kw kernel width
     * @param stride the convolution's stride
     * @param rows the row matrix, written
     * @param rowsOff index of its first element
     */
    public static void im2row(float[] xt, int xtOff, int c, int hp, int wp, int kh, int kw, int stride,
                              float[] rows, int rowsOff) {
        int oh = outputSize(hp, kh, stride, 0), ow = outputSize(wp, kw, stride, 0);
        int run = kw * c;
        Checks.range("im2row x~", xt, xtOff, hp * wp * c);
        Checks.range("im2row rows", rows, rowsOff, oh * ow * kh * run);
        int dst = rowsOff;
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                int src = xtOff + (y * stride * wp + x * stride) * c;
                for (int ki = 0; ki < kh; ki++) {
                    System.arraycopy(xt, src + ki * wp * c, rows, dst, run);
                    dst += run;
                }
            }
        }
    }

    /**
     * The adjoint of {@link #im2row}: adds every entry of rows into x̃ where it was copied from.
     *
     * @param kernels the kernels whose axpy adds the rows
     * @param rows the row matrix
     * @param rowsOff index of its first element
     * @param c channels
     * @param hp height, padding included
     * @param wp width, padding included
     * @param kh kernel height
     * @param kw kernel width
     * @param stride the convolution's stride
     * @param xt the channels-last image, added to
     * @param xtOff index of its first element
     */
    public static void row2im(Kernels kernels, float[] rows, int rowsOff, int c, int hp, int wp, int kh, int kw,
                              int stride, float[] xt, int xtOff) {
        int oh = outputSize(hp, kh, stride, 0), ow = outputSize(wp, kw, stride, 0);
        int run = kw * c;
        Checks.range("row2im rows", rows, rowsOff, oh * ow * kh * run);
        Checks.range("row2im x~", xt, xtOff, hp * wp * c);
        int src = rowsOff;
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                int dst = xtOff + (y * stride * wp + x * stride) * c;
                for (int ki = 0; ki < kh; ki++) {
                    kernels.axpy(1f, rows, src, xt, dst + ki * wp * c, run);
                    src += run;
                }
            }
        }
    }

    /**
     * Writes the (cols x rows) transpose of the (rows x cols) matrix a into t, t row by row: the reads
     * down a's column touch only {@code rows} cache lines, each read again for the next 15 columns. Going
     * along a's rows instead writes down t's columns, and when the writes are a multiple of 64 floats apart
     * (a 64-channel gradient) they share a sixteenth of L1's sets and evict each other: NetL conv2's output
     * gradient, (64, 576), took 0.9-1.1 ns a float that way, 0.65 ns this way; the smaller shapes the
     * layers use came within 10% of each other either way (probe, two processes).
     *
     * @param a the matrix
     * @param aOff index of its first element
     * @param rows rows of a
     * @param cols columns of a
     * @param t the transpose, written
     * @param tOff index of its first element
     */
    public static void transpose(float[] a, int aOff, int rows, int cols, float[] t, int tOff) {
        Checks.range("transpose a", a, aOff, rows * cols);
        Checks.range("transpose t", t, tOff, rows * cols);
        for (int c = 0; c < cols; c++) {
            for (int r = 0; r < rows; r++) {
                t[tOff + c * rows + r] = a[aOff + r * cols + c];
            }
        }
    }

    /**
     * Copies image x (C, H, W) into the centre of a zeroed (C, H+2p, W+2p) image.
     *
     * @param x the image
     * @param xOff index of its first element
     * @param c channels
     * @param h height
     * @param w width
     * @param p zeros added on every side
     * @param out the padded image, written
     * @param outOff index of its first element
     */
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

package dev.inkwell.kernels;

import java.util.Arrays;

/**
 * Memory-layout kernels of convolution: im2col / col2im, which turn a convolution into one SGEMM,
 * and a direct kernel for one input channel, where im2col would only copy the image nine times.
 *
 * <p>Layouts: an image is (C, H, W); its column matrix is (C·KH·KW, OH·OW), row
 * {@code (c·KH + ki)·KW + kj} holding, for every output position (oh, ow), the input value
 * {@code x[c, oh·s + ki - pad, ow·s + kj - pad]} (zero outside the image). That row order matches the
 * PyTorch weight layout (Cout, Cin, KH, KW) flattened to (Cout, Cin·KH·KW).
 */
public final class ConvKernels {
    private ConvKernels() {
    }

    /** Output extent of a convolution or pooling window along one axis (floor mode). */
    public static int outputSize(int in, int kernel, int stride, int padding) {
        return (in + 2 * padding - kernel) / stride + 1;
    }

    /** Fills col (C·KH·KW, OH·OW) from image x (C, H, W). */
    public static void im2col(float[] x, int xOff, int c, int h, int w, int kh, int kw, int stride, int pad,
                              float[] col, int colOff) {
        int oh = outputSize(h, kh, stride, pad), ow = outputSize(w, kw, stride, pad);
        Checks.range("im2col x", x, xOff, c * h * w);
        Checks.range("im2col col", col, colOff, c * kh * kw * oh * ow);
        int row = colOff;
        for (int ch = 0; ch < c; ch++) {
            int plane = xOff + ch * h * w;
            for (int ki = 0; ki < kh; ki++) {
                for (int kj = 0; kj < kw; kj++) {
                    // the output columns whose input column ow·s + kj - pad lies inside [0, w)
                    int owFirst = firstInside(kj - pad, stride);
                    int owEnd = Math.min(ow, lastInsideExclusive(w, kj - pad, stride));
                    for (int y = 0; y < oh; y++) {
                        int dst = row + y * ow;
                        int iy = y * stride + ki - pad;
                        if (iy < 0 || iy >= h || owFirst >= owEnd) {
                            Arrays.fill(col, dst, dst + ow, 0f);
                            continue;
                        }
                        Arrays.fill(col, dst, dst + owFirst, 0f);
                        int src = plane + iy * w + kj - pad;
                        if (stride == 1) {
                            System.arraycopy(x, src + owFirst, col, dst + owFirst, owEnd - owFirst);
                        } else {
                            for (int xo = owFirst; xo < owEnd; xo++) {
                                col[dst + xo] = x[src + xo * stride];
                            }
                        }
                        Arrays.fill(col, dst + owEnd, dst + ow, 0f);
                    }
                    row += oh * ow;
                }
            }
        }
    }

    /**
     * The adjoint of {@link #im2col}: sets image gx (C, H, W) to the sum, over every column entry, of the
     * entry added at the input position it was copied from.
     */
    public static void col2im(float[] col, int colOff, int c, int h, int w, int kh, int kw, int stride, int pad,
                              float[] gx, int gxOff) {
        int oh = outputSize(h, kh, stride, pad), ow = outputSize(w, kw, stride, pad);
        Checks.range("col2im col", col, colOff, c * kh * kw * oh * ow);
        Checks.range("col2im gx", gx, gxOff, c * h * w);
        Arrays.fill(gx, gxOff, gxOff + c * h * w, 0f);
        int row = colOff;
        for (int ch = 0; ch < c; ch++) {
            int plane = gxOff + ch * h * w;
            for (int ki = 0; ki < kh; ki++) {
                for (int kj = 0; kj < kw; kj++) {
                    int owFirst = firstInside(kj - pad, stride);
                    int owEnd = Math.min(ow, lastInsideExclusive(w, kj - pad, stride));
                    for (int y = 0; y < oh; y++) {
                        int iy = y * stride + ki - pad;
                        if (iy < 0 || iy >= h) {
                            continue;
                        }
                        int src = row + y * ow;
                        int dst = plane + iy * w + kj - pad;
                        for (int xo = owFirst; xo < owEnd; xo++) {
                            gx[dst + xo * stride] += col[src + xo];
                        }
                    }
                    row += oh * ow;
                }
            }
        }
    }

    /** Smallest output index o ≥ 0 with o·stride + shift ≥ 0. */
    private static int firstInside(int shift, int stride) {
        return shift >= 0 ? 0 : (-shift + stride - 1) / stride;
    }

    /** Smallest output index o with o·stride + shift ≥ w (every smaller o ≥ firstInside is inside). */
    private static int lastInsideExclusive(int w, int shift, int stride) {
        int span = w - shift;
        return span <= 0 ? 0 : (span + stride - 1) / stride;
    }

    /**
     * Direct convolution of one single-channel image, stride 1, no padding (pad the image first):
     * out (Cout, OH, OW) = bias + Σ_{ki,kj} weight[co, ki, kj] · x[oh + ki, ow + kj], with x (H, W),
     * weight (Cout, KH, KW) and bias (Cout) or null. Each tap is one long AXPY over a "wide" output of
     * OH rows of W columns, so the vector loop runs over OH·W elements instead of OW; {@code wide}
     * (at least (OH-1)·W + OW floats from wideOff) holds it and the columns ow ≥ OW are discarded.
     */
    public static void directSingleChannel(Kernels kernels, float[] x, int xOff, int h, int w,
                                           float[] weight, int wOff, float[] bias, int bOff,
                                           int cout, int kh, int kw, float[] out, int outOff,
                                           float[] wide, int wideOff) {
        int oh = h - kh + 1, ow = w - kw + 1;
        int span = (oh - 1) * w + ow;
        Checks.range("directSingleChannel x", x, xOff, h * w);
        Checks.range("directSingleChannel weight", weight, wOff, cout * kh * kw);
        Checks.range("directSingleChannel out", out, outOff, cout * oh * ow);
        Checks.range("directSingleChannel wide", wide, wideOff, span);
        for (int co = 0; co < cout; co++) {
            Arrays.fill(wide, wideOff, wideOff + span, bias == null ? 0f : bias[bOff + co]);
            for (int ki = 0; ki < kh; ki++) {
                for (int kj = 0; kj < kw; kj++) {
                    kernels.axpy(weight[wOff + (co * kh + ki) * kw + kj], x, xOff + ki * w + kj, wide, wideOff, span);
                }
            }
            int dst = outOff + co * oh * ow;
            for (int y = 0; y < oh; y++) {
                System.arraycopy(wide, wideOff + y * w, out, dst + y * ow, ow);
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

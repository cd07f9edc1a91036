package dev.inkwell.kernels;

import java.util.Arrays;

/**
 * Max and average pooling over planes. Inputs are {@code planes} consecutive (H, W) planes (a batch
 * of (C, H, W) images is N·C planes); outputs are (OH, OW) planes in the same order. Windows are
 * KH x KW with one stride and zero padding per axis, floor mode, as PyTorch's defaults.
 */
public final class PoolKernels {
    private PoolKernels() {
    }

    /**
     * out = max over each window; argmax receives the winning position h·W + w within its plane.
     * Ties go to the first position in row-major order and NaN wins, as in PyTorch.
     */
    public static void maxForward(float[] x, int xOff, int planes, int h, int w, int kh, int kw, int stride,
                                  int pad, float[] out, int outOff, int[] argmax, int argOff) {
        int oh = ConvKernels.outputSize(h, kh, stride, pad), ow = ConvKernels.outputSize(w, kw, stride, pad);
        Checks.range("maxForward x", x, xOff, planes * h * w);
        Checks.range("maxForward out", out, outOff, planes * oh * ow);
        if (argOff < 0 || (long) argOff + (long) planes * oh * ow > argmax.length) {
            throw new IndexOutOfBoundsException("maxForward argmax: too small for " + planes * oh * ow + " entries");
        }
        for (int pl = 0; pl < planes; pl++) {
            int in = xOff + pl * h * w;
            int o = pl * oh * ow;
            for (int y = 0; y < oh; y++) {
                int y0 = Math.max(y * stride - pad, 0), y1 = Math.min(y * stride - pad + kh, h);
                for (int xo = 0; xo < ow; xo++) {
                    int x0 = Math.max(xo * stride - pad, 0), x1 = Math.min(xo * stride - pad + kw, w);
                    float best = Float.NEGATIVE_INFINITY;
                    int bestAt = y0 * w + x0;
                    for (int yy = y0; yy < y1; yy++) {
                        for (int xx = x0; xx < x1; xx++) {
                            float v = x[in + yy * w + xx];
                            if (v > best || Float.isNaN(v)) {
                                best = v;
                                bestAt = yy * w + xx;
                                if (Float.isNaN(v)) {
                                    yy = y1;
                                    break;
                                }
                            }
                        }
                    }
                    out[outOff + o] = best;
                    argmax[argOff + o] = bestAt;
                    o++;
                }
            }
        }
    }

    /** gx = 0, then each gy element is added at its window's argmax position. */
    public static void maxBackward(float[] gy, int gyOff, int[] argmax, int argOff, int planes, int h, int w,
                                   int oh, int ow, float[] gx, int gxOff) {
        Checks.range("maxBackward gy", gy, gyOff, planes * oh * ow);
        Checks.range("maxBackward gx", gx, gxOff, planes * h * w);
        Arrays.fill(gx, gxOff, gxOff + planes * h * w, 0f);
        for (int pl = 0; pl < planes; pl++) {
            int plane = gxOff + pl * h * w;
            int o = pl * oh * ow;
            for (int i = 0; i < oh * ow; i++, o++) {
                gx[plane + argmax[argOff + o]] += gy[gyOff + o];
            }
        }
    }

    /** out = window sum / (KH·KW): padded zeros count in the divisor (count_include_pad=True). */
    public static void avgForward(float[] x, int xOff, int planes, int h, int w, int kh, int kw, int stride,
                                  int pad, float[] out, int outOff) {
        int oh = ConvKernels.outputSize(h, kh, stride, pad), ow = ConvKernels.outputSize(w, kw, stride, pad);
        Checks.range("avgForward x", x, xOff, planes * h * w);
        Checks.range("avgForward out", out, outOff, planes * oh * ow);
        float scale = 1f / (kh * kw);
        for (int pl = 0; pl < planes; pl++) {
            int in = xOff + pl * h * w;
            int o = outOff + pl * oh * ow;
            for (int y = 0; y < oh; y++) {
                int y0 = Math.max(y * stride - pad, 0), y1 = Math.min(y * stride - pad + kh, h);
                for (int xo = 0; xo < ow; xo++) {
                    int x0 = Math.max(xo * stride - pad, 0), x1 = Math.min(xo * stride - pad + kw, w);
                    float s = 0f;
                    for (int yy = y0; yy < y1; yy++) {
                        for (int xx = x0; xx < x1; xx++) {
                            s += x[in + yy * w + xx];
                        }
                    }
                    out[o++] = s * scale;
                }
            }
        }
    }

    /** gx = 0, then each gy element / (KH·KW) is added over its window (padding positions dropped). */
    public static void avgBackward(float[] gy, int gyOff, int planes, int h, int w, int kh, int kw, int stride,
                                   int pad, float[] gx, int gxOff) {
        int oh = ConvKernels.outputSize(h, kh, stride, pad), ow = ConvKernels.outputSize(w, kw, stride, pad);
        Checks.range("avgBackward gy", gy, gyOff, planes * oh * ow);
        Checks.range("avgBackward gx", gx, gxOff, planes * h * w);
        Arrays.fill(gx, gxOff, gxOff + planes * h * w, 0f);
        float scale = 1f / (kh * kw);
        for (int pl = 0; pl < planes; pl++) {
            int plane = gxOff + pl * h * w;
            int o = gyOff + pl * oh * ow;
            for (int y = 0; y < oh; y++) {
                int y0 = Math.max(y * stride - pad, 0), y1 = Math.min(y * stride - pad + kh, h);
                for (int xo = 0; xo < ow; xo++) {
                    int x0 = Math.max(xo * stride - pad, 0), x1 = Math.min(xo * stride - pad + kw, w);
                    float g = gy[o++] * scale;
                    for (int yy = y0; yy < y1; yy++) {
                        for (int xx = x0; xx < x1; xx++) {
                            gx[plane + yy * w + xx] += g;
                        }
                    }
                }
            }
        }
    }
}

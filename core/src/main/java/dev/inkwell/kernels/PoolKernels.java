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
     * Ties go to the first position in row-major order and NaN wins, as in PyTorch. With a null
     * argmax only the values are computed (inference: nothing will go backward).
     *
     * @param kernels the kernels, whose 2x2 pooling takes the common case
     * @param x the input planes
     * @param xOff index of the first input element
     * @param planes the number of planes
     * @param h plane height
     * @param w plane width
     * @param kh window height
     * @param kw window width
     * @param stride the step between windows
     * @param pad the zero padding on every side
     * @param out the pooled planes, written
     * @param outOff index of the first output element
     * @param argmax receives each winner's position, or null
     * @param argOff index of the first argmax entry
     */
    public static void maxForward(Kernels kernels, float[] x, int xOff, int planes, int h, int w, int kh, int kw,
                                  int stride, int pad, float[] out, int outOff, int[] argmax, int argOff) {
        int oh = ConvKernels.outputSize(h, kh, stride, pad), ow = ConvKernels.outputSize(w, kw, stride, pad);
        Checks.range("maxForward x", x, xOff, planes * h * w);
        Checks.range("maxForward out", out, outOff, planes * oh * ow);
        checkArgmax("maxForward argmax", argmax, argOff, (long) planes * oh * ow);
        if (kh == 2 && kw == 2 && stride == 2 && pad == 0) {
            kernels.maxPool2x2(x, xOff, planes, h, w, out, outOff, argmax, argOff);
            return;
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
                    if (argmax != null) {
                        argmax[argOff + o] = bestAt;
                    }
                    o++;
                }
            }
        }
    }

    /**
     * {@link #maxForward} with 2x2 windows, stride 2, no padding, over one channels-last image x (H·W, C):
     * out (OH·OW, C), and argmax in the same order holding each winner's position h·W + w.
     *
     * @param kernels the kernels that do the pooling
     * @param x the channels-last image
     * @param xOff index of its first element
     * @param channels channels
     * @param h height
     * @param w width
     * @param out the pooled image, written
     * @param outOff index of its first element
     * @param argmax receives each winner's position, or null
     * @param argOff index of the first argmax entry
     */
    public static void maxForwardChannelsLast(Kernels kernels, float[] x, int xOff, int channels, int h, int w,
                                              float[] out, int outOff, int[] argmax, int argOff) {
        int size = (h / 2) * (w / 2) * channels;
        Checks.range("maxForwardChannelsLast x", x, xOff, h * w * channels);
        Checks.range("maxForwardChannelsLast out", out, outOff, size);
        checkArgmax("maxForwardChannelsLast argmax", argmax, argOff, size);
        kernels.maxPool2x2ChannelsLast(x, xOff, channels, h, w, out, outOff, argmax, argOff);
    }

    /** A non-null argmax must hold n entries from argOff on. */
    private static void checkArgmax(String what, int[] argmax, int argOff, long n) {
        if (argmax != null && (argOff < 0 || argOff + n > argmax.length)) {
            throw new IndexOutOfBoundsException(what + ": too small for " + n + " entries");
        }
    }

    /**
     * The 2x2, stride 2 case, one window at a time ({@link Kernels#maxPool2x2}'s scalar form).
     *
     * @param x the input planes
     * @param xOff index of the first input element
     * @param planes the number of planes
     * @param h plane height
     * @param w plane width
     * @param out the pooled planes, written
     * @param outOff index of the first output element
     * @param argmax receives each winner's position, or null
     * @param argOff index of the first argmax entry
     */
    public static void max2x2(float[] x, int xOff, int planes, int h, int w, float[] out, int outOff, int[] argmax,
                              int argOff) {
        int oh = h / 2, ow = w / 2;
        for (int pl = 0; pl < planes; pl++) {
            int in = xOff + pl * h * w;
            int o = pl * oh * ow;
            for (int y = 0; y < oh; y++) {
                for (int xo = 0; xo < ow; xo++, o++) {
                    max2x2Window(x, in, 2 * y * w + 2 * xo, w, 1, out, outOff + o, argmax, argOff + o);
                }
            }
        }
    }

    /**
     * Max pooling 2x2, stride 2, of one channels-last image x (H·W, C) into channels-last out (OH·OW, C),
     * argmax in the same order holding each winner's position h·W + w ({@link Kernels#maxPool2x2ChannelsLast}'s
     * scalar form).
     *
     * @param x the channels-last image
     * @param xOff index of its first element
     * @param channels channels
     * @param h height
     * @param w width
     * @param out the pooled image, written
     * @param outOff index of its first element
     * @param argmax receives each winner's position, or null
     * @param argOff index of the first argmax entry
     */
    public static void max2x2ChannelsLast(float[] x, int xOff, int channels, int h, int w, float[] out, int outOff,
                                          int[] argmax, int argOff) {
        int oh = h / 2, ow = w / 2;
        for (int o = 0; o < oh * ow; o++) {
            int p0 = 2 * (o / ow) * w + 2 * (o % ow);
            for (int c = 0; c < channels; c++) {
                int at = o * channels + c;
                max2x2Window(x, xOff + c, p0, w, channels, out, outOff + at, argmax, argOff + at);
            }
        }
    }

    /**
     * One 2x2 window whose top-left corner is position p0 of the plane starting at {@code in}, positions
     * {@code step} floats apart (1 in a plane, C in a channels-last image) and rows w positions apart:
     * the maximum by Math.max, its position as the first of the four equal to it; a window holding a
     * NaN goes the keyed way. The first maximum in row-major order wins, a NaN wins, as in PyTorch.
     * Without argmax (null), the maximum alone.
     *
     * @param x the input array
     * @param in index of the plane's (or image's) first element
     * @param p0 position of the window's top-left corner
     * @param w the row length in positions
     * @param step floats between neighbouring positions
     * @param out the output array
     * @param at where the maximum goes in out
     * @param argmax receives the winner's position, or null
     * @param argAt where the position goes in argmax
     */
    public static void max2x2Window(float[] x, int in, int p0, int w, int step, float[] out, int at, int[] argmax,
                                    int argAt) {
        int p1 = p0 + w;
        float a = x[in + p0 * step], b = x[in + (p0 + 1) * step], c = x[in + p1 * step], d = x[in + (p1 + 1) * step];
        float m = Math.max(Math.max(a, b), Math.max(c, d));
        if (argmax == null) {
            out[at] = m;
        } else if (m != m) { // a NaN: rare, so the keyed choice costs nothing in the common case
            keyed(a, b, c, d, p0, p1, out, at, argmax, argAt);
        } else {
            out[at] = m;
            argmax[argAt] = a == m ? p0 : b == m ? p0 + 1 : c == m ? p1 : p1 + 1;
        }
    }

    /** One window by integer keys that order as the floats do with NaN above all: the first NaN wins. */
    private static void keyed(float fa, float fb, float fc, float fd, int p0, int p1, float[] out, int at,
                              int[] argmax, int argAt) {
        int a = Float.floatToRawIntBits(fa), b = Float.floatToRawIntBits(fb);
        int c = Float.floatToRawIntBits(fc), d = Float.floatToRawIntBits(fd);
        int ka = key(a), kb = key(b), kc = key(c), kd = key(d);
        int mb = (int) (((long) ka - kb) >> 63); // all ones when b beats a
        int md = (int) (((long) kc - kd) >> 63);
        int k1 = (ka & ~mb) | (kb & mb), v1 = (a & ~mb) | (b & mb), i1 = p0 - mb;
        int k2 = (kc & ~md) | (kd & md), v2 = (c & ~md) | (d & md), i2 = p1 - md;
        int ms = (int) (((long) k1 - k2) >> 63); // all ones when the second row wins
        out[at] = Float.intBitsToFloat((v1 & ~ms) | (v2 & ms));
        argmax[argAt] = (i1 & ~ms) | (i2 & ms);
    }

    /** An int whose signed order is the float order of {@code bits}, with every NaN above +infinity. */
    private static int key(int bits) {
        int ordered = bits ^ ((bits >> 31) & 0x7fffffff);
        int nan = ~(((bits & 0x7fffffff) - 0x7f800001) >> 31); // all ones for a NaN
        return (ordered & ~nan) | (Integer.MAX_VALUE & nan);
    }

    /**
     * gx = 0, then each gy element is added at its window's argmax position, for {@code images} images of
     * {@code channels} channels; gy is (C, OH, OW) per image. With {@code pooled} given (the pooled maxima,
     * laid out like gy), only where the maximum is above 0: the gradient of a ReLU applied before the
     * pooling, which passes exactly where its input, the window's maximum, is positive. With
     * {@code channelsLast}, argmax is as {@link #maxForwardChannelsLast} left it and gx is channels-last,
     * (H·W, C) per image; else argmax is as {@link #maxForward} left it and gx is (C, H, W).
     *
     * @param gy the output gradient
     * @param gyOff index of its first element
     * @param argmax the winners, as the forward pass left them
     * @param argOff index of the first argmax entry
     * @param pooled the pooled maxima, or null when no ReLU precedes the pooling
     * @param pooledOff index of the first pooled value
     * @param images the number of images
     * @param channels channels per image
     * @param h input height
     * @param w input width
     * @param oh output height
     * @param ow output width
     * @param channelsLast whether argmax and gx are channels-last
     * @param gx the input gradient, written
     * @param gxOff index of its first element
     */
    public static void maxBackward(float[] gy, int gyOff, int[] argmax, int argOff, float[] pooled, int pooledOff,
                                   int images, int channels, int h, int w, int oh, int ow, boolean channelsLast,
                                   float[] gx, int gxOff) {
        int outSize = channels * oh * ow, inSize = channels * h * w, windows = oh * ow;
        Checks.range("maxBackward gy", gy, gyOff, images * outSize);
        if (pooled != null) {
            Checks.range("maxBackward pooled", pooled, pooledOff, images * outSize);
        }
        Checks.range("maxBackward gx", gx, gxOff, images * inSize);
        Arrays.fill(gx, gxOff, gxOff + images * inSize, 0f);
        // in argmax's order, so that it and gx go forward: window by window with its channels side by side
        // when channels-last, else channel by channel (that order also keeps overlapping windows' sums as
        // PyTorch adds them)
        int outer = channelsLast ? windows : channels, inner = channelsLast ? channels : windows;
        int gyOuter = channelsLast ? 1 : windows, gyInner = channelsLast ? windows : 1;
        int gxOuter = channelsLast ? 0 : h * w, gxInner = channelsLast ? 1 : 0;
        int gxPosition = channelsLast ? channels : 1;
        for (int n = 0; n < images; n++) {
            int at = n * outSize, gxImage = gxOff + n * inSize;
            for (int a = 0; a < outer; a++) {
                for (int b = 0; b < inner; b++, at++) {
                    int g = a * gyOuter + b * gyInner + n * outSize;
                    int keep = pooled == null ? -1 : positiveMask(pooled[pooledOff + g]);
                    gx[gxImage + a * gxOuter + b * gxInner + argmax[argOff + at] * gxPosition] +=
                            Float.intBitsToFloat(Float.floatToRawIntBits(gy[gyOff + g]) & keep);
                }
            }
        }
    }

    /**
     * All ones when v > 0, else 0 (NaN included), without a branch: whether a ReLU passes is a coin toss
     * that a branch mispredicts half the time, which made the masked pass twice as slow. v > 0 exactly
     * when its bits minus one, unsigned, are below those of +infinity. A dropped gradient adds +0, which
     * changes no sum here: gx starts at +0 and so never holds -0.
     */
    private static int positiveMask(float v) {
        long belowInfinity = ((Float.floatToRawIntBits(v) - 1) & 0xffffffffL) - 0x7f800000L;
        return (int) (belowInfinity >> 63);
    }

    /**
     * out = window sum / (KH·KW): padded zeros count in the divisor (count_include_pad=True).
     *
     * @param x the input planes
     * @param xOff index of the first input element
     * @param planes the number of planes
     * @param h plane height
     * @param w plane width
     * @param kh window height
     * @param kw window width
     * @param stride the step between windows
     * @param pad the zero padding on every side
     * @param out the pooled planes, written
     * @param outOff index of the first output element
     */
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

    /**
     * gx = 0, then each gy element / (KH·KW) is added over its window (padding positions dropped).
     *
     * @param gy the output gradient
     * @param gyOff index of its first element
     * @param planes the number of planes
     * @param h input plane height
     * @param w input plane width
     * @param kh window height
     * @param kw window width
     * @param stride the step between windows
     * @param pad the zero padding on every side
     * @param gx the input gradient, written
     * @param gxOff index of its first element
     */
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

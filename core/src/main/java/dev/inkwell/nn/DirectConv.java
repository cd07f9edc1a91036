package dev.inkwell.nn;

import dev.inkwell.kernels.ConvKernels;
import dev.inkwell.kernels.Kernels;

import java.util.Arrays;

/**
 * Stride-1 convolution of a single-channel image, computed directly: unfolding would copy the image
 * KH·KW times to feed products only KH·KW deep. With the image padded to Hp x Wp, tap (ki, kj) reads
 * it shifted by ki·Wp + kj: out[co, oh, ow] = b[co] + Σ_tap W[co, tap]·x[oh·Wp + ow + shift]
 * ({@link Kernels#shiftedSums}), and the weight gradient is dW[co, tap] = Σ dOut[co, oh, ow]·x[oh·Wp +
 * ow + shift] ({@link Kernels#shiftedDots}); both go over all output channels in one call, which shares
 * each load of the image between several channels. The input gradient indexes the outputs "wide",
 * q = oh·Wp + ow over whole rows with dOut zero at the dropped columns ow ≥ OW, so that each tap adds
 * one long run: dx[q + shift] += W[co, tap]·dOut[co, q].
 */
final class DirectConv implements ConvPasses {
    private final ConvGeometry g;
    private final Parameter weight;
    private final Parameter bias;
    private final Kernels kernels;
    private final int hp, wp, span, taps;
    private final int channelStride; // OH·Wp: one channel's wide rows, the last one whole
    private final int[] shifts;
    private final float[][] padded;     // per worker: the zero-padded image, when the layer pads
    private final float[][] gradWide;   // per worker: every output gradient channel, wide; dropped columns stay 0
    private final float[][] gradImage;  // per worker: the padded image's gradient

    /** With {@code inputGradient} false (a first layer), the input gradient's buffers are left out. */
    DirectConv(ConvGeometry g, Parameter weight, Parameter bias, Kernels kernels, int workers, boolean inputGradient) {
        if (g.cin() != 1 || g.stride() != 1) {
            throw new IllegalArgumentException("direct convolution needs one input channel and stride 1, got " + g);
        }
        this.g = g;
        this.weight = weight;
        this.bias = bias;
        this.kernels = kernels;
        this.hp = g.h() + 2 * g.pad();
        this.wp = g.w() + 2 * g.pad();
        this.span = (g.oh() - 1) * wp + g.ow();
        this.channelStride = g.oh() * wp;
        this.taps = g.kh() * g.kw();
        this.shifts = new int[taps];
        for (int t = 0; t < taps; t++) {
            shifts[t] = (t / g.kw()) * wp + t % g.kw();
        }
        this.padded = new float[workers][g.pad() > 0 ? hp * wp : 0];
        this.gradWide = new float[workers][inputGradient ? g.cout() * channelStride : 0];
        this.gradImage = new float[workers][inputGradient ? hp * wp : 0];
    }

    @Override
    public void beforeForward() {
    }

    @Override
    public void forward(float[] x, float[] y, int first, int count, int worker) {
        for (int n = first; n < first + count; n++) {
            forward(x, n * g.h() * g.w(), y, n * g.cout() * g.p(), worker);
        }
    }

    private void forward(float[] x, int xOff, float[] y, int yOff, int worker) {
        float[] src = source(x, xOff, worker);
        int srcOff = g.pad() > 0 ? 0 : xOff;
        kernels.shiftedSums(src, srcOff, wp, shifts, weight.data(), weight.offset(), bias == null ? null : bias.data(),
                bias == null ? 0 : bias.offset(), g.cout(), y, yOff, g.oh(), g.ow());
    }

    /** The image to read: x itself, or its zero-padded copy. */
    private float[] source(float[] x, int xOff, int worker) {
        if (g.pad() == 0) {
            return x;
        }
        ConvKernels.pad(x, xOff, 1, g.h(), g.w(), g.pad(), padded[worker], 0);
        return padded[worker];
    }

    @Override
    public void beforeBackward() {
    }

    @Override
    public void backward(float[] x, float[] gy, int first, int count, float[] partial, float[] gx, int worker) {
        for (int n = first; n < first + count; n++) {
            backward(x, n * g.h() * g.w(), gy, n * g.cout() * g.p(), partial, gx, worker);
        }
    }

    private void backward(float[] x, int xOff, float[] gy, int yOff, float[] partial, float[] gx, int worker) {
        float[] src = source(x, xOff, worker);
        int srcOff = g.pad() > 0 ? 0 : xOff;
        kernels.shiftedDots(gy, yOff, g.cout(), src, srcOff, wp, shifts, partial, 0, g.oh(), g.ow());
        if (gx != null) {
            // dx[q + shift] += W·dOut over the wide rows, whose dropped columns stay 0
            float[] d = gradWide[worker];
            kernels.copyRows(gy, yOff, g.ow(), d, 0, wp, g.cout() * g.oh(), g.ow());
            float[] dImage = gradImage[worker];
            Arrays.fill(dImage, 0f);
            for (int co = 0; co < g.cout(); co++) {
                for (int t = 0; t < taps; t++) {
                    kernels.axpy(weight.data()[weight.offset() + co * taps + t], d, co * channelStride, dImage,
                            shifts[t], span);
                }
            }
            kernels.copyRows(dImage, g.pad() * wp + g.pad(), wp, gx, xOff, g.w(), g.h(), g.w());
        }
    }

    @Override
    public int partialIndex(int i) {
        return i;
    }
}

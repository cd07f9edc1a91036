package dev.inkwell.nn;

import dev.inkwell.kernels.ConvKernels;
import dev.inkwell.kernels.Kernels;

import java.util.Arrays;

/**
 * Stride-1 convolution of a single-channel image, computed directly: unfolding would copy the image
 * KH·KW times to feed products only KH·KW deep. With the image padded to Hp x Wp and the outputs
 * indexed "wide", q = oh·Wp + ow over whole rows, tap (ki, kj) reads the image shifted by ki·Wp + kj:
 * out[co, q] = b[co] + Σ_tap W[co, tap]·x[q + shift] ({@link Kernels#shiftedSum}); the weight gradient
 * is dW[co, tap] = Σ_q dOut[co, q]·x[q + shift] ({@link Kernels#shiftedDots}), with dOut zero at the
 * dropped columns ow ≥ OW; the input gradient is dx[q + shift] += W[co, tap]·dOut[co, q].
 */
final class DirectConv implements ConvPasses {
    private final ConvGeometry g;
    private final Parameter weight;
    private final Parameter bias;
    private final Kernels kernels;
    private final int hp, wp, span, taps;
    private final int[] shifts;
    private final float[][] padded;     // per worker: the zero-padded image, when the layer pads
    private final float[][] outWide;    // per worker: one output channel, wide
    private final float[][] gradWide;   // per worker: one output gradient channel, wide; dropped columns stay 0
    private final float[][] gradImage;  // per worker: the padded image's gradient

    DirectConv(ConvGeometry g, Parameter weight, Parameter bias, Kernels kernels, int workers) {
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
        this.taps = g.kh() * g.kw();
        this.shifts = new int[taps];
        for (int t = 0; t < taps; t++) {
            shifts[t] = (t / g.kw()) * wp + t % g.kw();
        }
        this.padded = new float[workers][g.pad() > 0 ? hp * wp : 0];
        this.outWide = new float[workers][span];
        this.gradWide = new float[workers][span];
        this.gradImage = new float[workers][hp * wp];
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
        float[] out = outWide[worker];
        for (int co = 0; co < g.cout(); co++) {
            float b = bias == null ? 0f : bias.data()[bias.offset() + co];
            kernels.shiftedSum(src, srcOff, shifts, weight.data(), weight.offset() + co * taps, b, out, 0, span);
            kernels.copyRows(out, 0, wp, y, yOff + co * g.p(), g.ow(), g.oh(), g.ow());
        }
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
        float[] d = gradWide[worker];
        float[] dImage = gradImage[worker];
        if (gx != null) {
            Arrays.fill(dImage, 0f);
        }
        for (int co = 0; co < g.cout(); co++) {
            kernels.copyRows(gy, yOff + co * g.p(), g.ow(), d, 0, wp, g.oh(), g.ow());
            kernels.shiftedDots(d, 0, src, srcOff, shifts, partial, co * taps, span);
            if (gx != null) {
                for (int t = 0; t < taps; t++) {
                    kernels.axpy(weight.data()[weight.offset() + co * taps + t], d, 0, dImage, shifts[t], span);
                }
            }
        }
        if (gx != null) {
            kernels.copyRows(dImage, g.pad() * wp + g.pad(), wp, gx, xOff, g.w(), g.h(), g.w());
        }
    }

    @Override
    public int partialIndex(int i) {
        return i;
    }
}

package dev.inkwell.nn;

import dev.inkwell.kernels.Kernels;

import java.util.Arrays;

/**
 * Stride-1 convolution as a sum of shifted products, with no unfolding. The image is stored
 * channels-last and padded, x̃ (Hp·Wp, Cin). For kernel tap (ki, kj), the input rows that output
 * position (oh, ow) needs are x̃[(oh + ki)·Wp + ow + kj] — one strided matrix if outputs are indexed
 * "wide", q = oh·Wp + ow, over all Wp columns (the ones past OW are computed and dropped). So
 * outWide (M, Cout) = Σ_tap x̃[shift(tap) ..] (M, Cin) · W_tap (Cin, Cout), M = (OH-1)·Wp + OW;
 * dW_tap += x̃[shift ..]ᵀ · dOutWide; dx̃[shift ..] += dOutWide · W_tapᵀ. Every product has Cout or Cin
 * as its vector dimension and needs no copy of the input per tap.
 */
final class ShiftedConv implements ConvPasses {
    private final ConvGeometry g;
    private final Parameter weight;
    private final Parameter bias;
    private final Kernels kernels;
    private final int hp, wp, m, taps;
    private final float[][] image;    // per worker: x̃ (Hp·Wp, Cin), then dx̃
    private final float[][] wide;     // per worker: outWide or dOutWide (M, Cout)
    private final float[] tapWeights; // W_tap (Cin, Cout) for every tap
    private final float[] tapWeightsT; // W_tapᵀ (Cout, Cin) for every tap

    ShiftedConv(ConvGeometry g, Parameter weight, Parameter bias, Kernels kernels, int workers) {
        this.g = g;
        this.weight = weight;
        this.bias = bias;
        this.kernels = kernels;
        this.hp = g.h() + 2 * g.pad();
        this.wp = g.w() + 2 * g.pad();
        this.m = (g.oh() - 1) * wp + g.ow();
        this.taps = g.kh() * g.kw();
        this.image = new float[workers][hp * wp * g.cin()];
        this.wide = new float[workers][m * g.cout()];
        this.tapWeights = new float[taps * g.cin() * g.cout()];
        this.tapWeightsT = new float[taps * g.cin() * g.cout()];
    }

    @Override
    public void beforeForward() {
        repack(false);
    }

    /** W (Cout, Cin, KH, KW) -> W_tap (Cin, Cout) for every tap, or W_tapᵀ (Cout, Cin) when transposed. */
    private void repack(boolean transposed) {
        float[] wt = weight.data();
        float[] dst = transposed ? tapWeightsT : tapWeights;
        int cin = g.cin(), cout = g.cout();
        for (int co = 0; co < cout; co++) {
            for (int ci = 0; ci < cin; ci++) {
                for (int t = 0; t < taps; t++) {
                    int at = transposed ? (t * cout + co) * cin + ci : (t * cin + ci) * cout + co;
                    dst[at] = wt[weight.offset() + (co * cin + ci) * taps + t];
                }
            }
        }
    }

    @Override
    public void forward(float[] x, int xOff, float[] y, int yOff, int worker) {
        int cin = g.cin(), cout = g.cout();
        float[] xt = image[worker];
        float[] out = wide[worker];
        toChannelsLast(x, xOff, xt);
        for (int t = 0; t < taps; t++) {
            int shift = (t / g.kw()) * wp + t % g.kw();
            kernels.sgemm(false, false, m, cout, cin, xt, shift * cin, cin, tapWeights, t * cin * cout, cout,
                    out, 0, cout, t > 0);
        }
        for (int co = 0; co < cout; co++) {
            float b = bias == null ? 0f : bias.data()[bias.offset() + co];
            int dst = yOff + co * g.p();
            for (int oy = 0; oy < g.oh(); oy++) {
                int src = oy * wp * cout + co;
                for (int ox = 0; ox < g.ow(); ox++) {
                    y[dst++] = out[src + ox * cout] + b;
                }
            }
        }
    }

    /** x (Cin, H, W) -> x̃ (Hp·Wp, Cin), zero-padded. */
    private void toChannelsLast(float[] x, int xOff, float[] xt) {
        int cin = g.cin(), pad = g.pad();
        if (pad > 0) {
            Arrays.fill(xt, 0f);
        }
        for (int c = 0; c < cin; c++) {
            for (int yy = 0; yy < g.h(); yy++) {
                int src = xOff + (c * g.h() + yy) * g.w();
                int dst = ((yy + pad) * wp + pad) * cin + c;
                for (int xx = 0; xx < g.w(); xx++) {
                    xt[dst + xx * cin] = x[src + xx];
                }
            }
        }
    }

    @Override
    public void beforeBackward() {
        repack(true);
    }

    @Override
    public void backward(float[] x, int xOff, float[] gy, int yOff, float[] partial, float[] gx, int worker) {
        int cin = g.cin(), cout = g.cout();
        float[] xt = image[worker];
        float[] gw = wide[worker];
        toChannelsLast(x, xOff, xt);
        // dOutWide (M, Cout): the gradient at the dropped columns is zero
        Arrays.fill(gw, 0, m * cout, 0f);
        for (int co = 0; co < cout; co++) {
            int src = yOff + co * g.p();
            for (int oy = 0; oy < g.oh(); oy++) {
                int dst = oy * wp * cout + co;
                for (int ox = 0; ox < g.ow(); ox++) {
                    gw[dst + ox * cout] = gy[src++];
                }
            }
        }
        for (int t = 0; t < taps; t++) {
            int shift = (t / g.kw()) * wp + t % g.kw();
            // dW_tap (Cin, Cout) += x̃[shift ..]ᵀ (Cin, M) · dOutWide (M, Cout)
            kernels.sgemm(true, false, cin, cout, m, xt, shift * cin, cin, gw, 0, cout, partial, t * cin * cout,
                    cout, true);
        }
        if (gx == null) {
            return;
        }
        Arrays.fill(xt, 0f); // now dx̃
        for (int t = 0; t < taps; t++) {
            int shift = (t / g.kw()) * wp + t % g.kw();
            // dx̃[shift ..] (M, Cin) += dOutWide (M, Cout) · W_tapᵀ (Cout, Cin)
            kernels.sgemm(false, false, m, cin, cout, gw, 0, cout, tapWeightsT, t * cout * cin, cin, xt, shift * cin,
                    cin, true);
        }
        int pad = g.pad();
        for (int c = 0; c < cin; c++) {
            for (int yy = 0; yy < g.h(); yy++) {
                int dst = xOff + (c * g.h() + yy) * g.w();
                int src = ((yy + pad) * wp + pad) * cin + c;
                for (int xx = 0; xx < g.w(); xx++) {
                    gx[dst + xx] = xt[src + xx * cin];
                }
            }
        }
    }

    @Override
    public int partialIndex(int i) {
        // i = (co·Cin + ci)·taps + t  ->  (t·Cin + ci)·Cout + co
        int t = i % taps, rest = i / taps;
        int ci = rest % g.cin(), co = rest / g.cin();
        return (t * g.cin() + ci) * g.cout() + co;
    }
}

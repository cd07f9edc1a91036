package dev.inkwell.nn;

import dev.inkwell.kernels.ConvKernels;
import dev.inkwell.kernels.Kernels;

import java.util.Arrays;

/**
 * Convolution by unfolding, for any stride and padding. Each image is copied channels last and padded,
 * x̃ (Hp·Wp, Cin), and unfolded into rows (P = OH·OW, K = KH·KW·Cin), taps outer ({@link ConvKernels#im2row}).
 * The forward pass keeps the batch's x̃ for the backward pass, which unfolds it again rather than keep
 * the rows, KH·KW times larger.
 * With W̃ (K, Cout) the weights in the same tap-major order, every pass is one SGEMM whose vector
 * dimension is Cout or K, and whose depth is K, Cout or P — deep enough for the register-blocked kernel:
 * outᵀ (P, Cout) = rows · W̃; dW̃ (K, Cout) += rowsᵀ · dOutᵀ; dRows (P, K) = dOutᵀ · W̃ᵀ, folded back
 * onto x̃ by row2im.
 *
 * <p>Before a max pooling, a {@link Sequential} has the output handed over channels-last
 * ({@link Conv2d#writeChannelsLast}): outᵀ and dOutᵀ then are the output and its gradient themselves,
 * and the transposes around the SGEMMs drop out.
 *
 * <p>Up to {@link #group} images go through each product together, stacked along P, so that the SGEMM
 * packs W̃ once for all of them. Each row of a product is computed the same way whichever rows are
 * stacked with it, and the weight gradient still sums image after image, so grouping changes no bit.
 */
final class UnfoldedConv implements ConvPasses {
    /**
     * The unfolded rows of a group fit this many floats (2 MB). On NetS's conv2 (15 images a group)
     * grouping made forward + backward 3-5% faster at 2 threads than one image at a time, and changed
     * nothing at 1 thread; a 512 KB budget (3 images) was in between.
     */
    private static final int ROWS_BUDGET = 1 << 19;

    private final ConvGeometry g;
    private final Parameter weight;
    private final Parameter bias;
    private final Kernels kernels;
    private final int hp, wp, taps, group;
    private final int imageSize;     // floats in one x̃
    private final boolean outputChannelsLast; // images (P, Cout): outᵀ itself
    private final float[] channelsLast; // x̃ of every image of the last forward pass
    private final float[][] gradImage; // per worker: dx̃ of one image
    private final float[][] rows;    // per worker: the rows of a group of images, then their gradient
    private final float[][] outT;    // per worker: outᵀ or dOutᵀ of a group of images (group·P, Cout)
    private final float[] tapWeights;  // W̃ (K, Cout), refreshed before each forward pass
    private final float[] tapWeightsT; // W̃ᵀ (Cout, K), refreshed before each backward pass
    private final float[] tapWeightsSource;  // the weights W̃ was packed from
    private final float[] tapWeightsTSource; // the weights W̃ᵀ was packed from

    UnfoldedConv(ConvGeometry g, Parameter weight, Parameter bias, Kernels kernels, int maxBatch, int workers,
                 boolean outputChannelsLast) {
        this.g = g;
        this.weight = weight;
        this.bias = bias;
        this.kernels = kernels;
        this.hp = g.h() + 2 * g.pad();
        this.wp = g.w() + 2 * g.pad();
        this.taps = g.kh() * g.kw();
        this.group = Math.max(1, ROWS_BUDGET / (g.p() * g.k()));
        this.imageSize = hp * wp * g.cin();
        this.outputChannelsLast = outputChannelsLast;
        this.channelsLast = new float[maxBatch * imageSize];
        this.gradImage = new float[workers][imageSize];
        this.rows = new float[workers][group * g.p() * g.k()];
        this.outT = outputChannelsLast ? null : new float[workers][group * g.p() * g.cout()];
        this.tapWeights = new float[g.k() * g.cout()];
        this.tapWeightsT = new float[g.k() * g.cout()];
        this.tapWeightsSource = new float[g.k() * g.cout()]; // zeros: what the zero W̃ and W̃ᵀ are packed from
        this.tapWeightsTSource = new float[g.k() * g.cout()];
    }

    @Override
    public void beforeForward() {
        refresh(tapWeights, false, tapWeightsSource);
    }

    @Override
    public void beforeBackward() {
        refresh(tapWeightsT, true, tapWeightsTSource);
    }

    /**
     * Repacks W into dst unless W is bit for bit the copy it was last packed from: inference calls
     * repeat with the same weights, and the repack (NetS conv2: 14 µs) was a fifth of a single-image
     * forward pass. Comparing, rather than counting writes, sees every way weights change.
     */
    private void refresh(float[] dst, boolean transposed, float[] source) {
        float[] wt = weight.data();
        int off = weight.offset(), n = weight.size();
        if (!Arrays.equals(wt, off, off + n, source, 0, n)) {
            System.arraycopy(wt, off, source, 0, n);
            repack(dst, transposed);
        }
    }

    /** W (Cout, Cin, KH, KW) -> W̃ (K, Cout), or W̃ᵀ (Cout, K) when transposed; K = (tap, Cin). */
    private void repack(float[] dst, boolean transposed) {
        float[] wt = weight.data();
        int cin = g.cin(), cout = g.cout(), k = g.k();
        for (int co = 0; co < cout; co++) {
            for (int ci = 0; ci < cin; ci++) {
                for (int t = 0; t < taps; t++) {
                    int row = t * cin + ci;
                    dst[transposed ? co * k + row : row * cout + co] = wt[weight.offset() + (co * cin + ci) * taps + t];
                }
            }
        }
    }

    @Override
    public void forward(float[] x, float[] y, int first, int count, int worker) {
        int p = g.p(), k = g.k(), cout = g.cout();
        float[] r = rows[worker];
        for (int n0 = first; n0 < first + count; n0 += group) {
            int images = Math.min(group, first + count - n0);
            for (int i = 0; i < images; i++) {
                int n = n0 + i;
                ConvKernels.toChannelsLast(x, n * g.cin() * g.h() * g.w(), g.cin(), g.h(), g.w(), g.pad(), channelsLast,
                        n * imageSize);
                unfold(n, r, i * p * k);
            }
            // outᵀ (images·P, Cout) = rows (images·P, K) · W̃ (K, Cout)
            float[] t = outputChannelsLast ? y : outT[worker];
            int tOff = outputChannelsLast ? n0 * p * cout : 0;
            kernels.sgemm(false, false, images * p, cout, k, r, 0, k, tapWeights, 0, cout, t, tOff, cout, false);
            if (outputChannelsLast) {
                addBias(y, tOff, images * p);
            } else {
                storeTransposed(t, y, n0, images);
            }
        }
    }

    /** Adds the bias to each of {@code pixels} rows of Cout channels in y from yOff on. */
    private void addBias(float[] y, int yOff, int pixels) {
        if (bias == null) {
            return;
        }
        for (int q = 0; q < pixels; q++) {
            kernels.axpy(1f, bias.data(), bias.offset(), y, yOff + q * g.cout(), g.cout());
        }
    }

    /** outᵀ of images [n0, n0 + images), stacked in t, into y as (Cout, P) each, plus the bias. */
    private void storeTransposed(float[] t, float[] y, int n0, int images) {
        int p = g.p(), cout = g.cout();
        for (int i = 0; i < images; i++) {
            int dst = (n0 + i) * cout * p, src = i * p * cout;
            for (int co = 0; co < cout; co++) {
                float b = bias == null ? 0f : bias.data()[bias.offset() + co];
                for (int q = 0; q < p; q++) {
                    y[dst + co * p + q] = t[src + q * cout + co] + b;
                }
            }
        }
    }

    /** Image n's x̃ unfolded into r at rOff. */
    private void unfold(int n, float[] r, int rOff) {
        ConvKernels.im2row(channelsLast, n * imageSize, g.cin(), hp, wp, g.kh(), g.kw(), g.stride(), r, rOff);
    }

    @Override
    public void backward(float[] x, float[] gy, int first, int count, float[] partial, float[] gx, int worker) {
        int p = g.p(), k = g.k(), cout = g.cout();
        float[] r = rows[worker], dxt = gradImage[worker];
        for (int n0 = first; n0 < first + count; n0 += group) {
            int images = Math.min(group, first + count - n0);
            float[] t = outputChannelsLast ? gy : outT[worker];
            int tOff = outputChannelsLast ? n0 * p * cout : 0;
            for (int i = 0; i < images; i++) {
                unfold(n0 + i, r, i * p * k);
                if (!outputChannelsLast) {
                    ConvKernels.transpose(gy, (n0 + i) * cout * p, cout, p, t, i * p * cout);
                }
            }
            // dW̃ (K, Cout) += rowsᵀ (K, images·P) · dOutᵀ (images·P, Cout): image after image, in order
            kernels.sgemm(true, false, k, cout, images * p, r, 0, k, t, tOff, cout, partial, 0, cout, true);
            if (gx == null) {
                continue;
            }
            // dRows (images·P, K) = dOutᵀ (images·P, Cout) · W̃ᵀ (Cout, K), folded back image by image
            kernels.sgemm(false, false, images * p, k, cout, t, tOff, cout, tapWeightsT, 0, k, r, 0, k, false);
            for (int i = 0; i < images; i++) {
                Arrays.fill(dxt, 0f);
                ConvKernels.row2im(kernels, r, i * p * k, g.cin(), hp, wp, g.kh(), g.kw(), g.stride(), dxt, 0);
                ConvKernels.fromChannelsLast(dxt, 0, g.cin(), g.h(), g.w(), g.pad(), gx,
                        (n0 + i) * g.cin() * g.h() * g.w());
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

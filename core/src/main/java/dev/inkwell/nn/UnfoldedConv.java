package dev.inkwell.nn;

import dev.inkwell.kernels.ConvKernels;
import dev.inkwell.kernels.Kernels;

/**
 * Convolution by unfolding, for any stride: each image becomes rows (P = OH·OW, K = Cin·KH·KW) by
 * im2row, and every pass is one SGEMM whose vectorised dimension is Cout or K:
 * outᵀ (P, Cout) = rows · Wᵀ; dW (Cout, K) += dOut (Cout, P) · rows; dRows (P, K) = dOutᵀ · W,
 * folded back by row2im.
 */
final class UnfoldedConv implements ConvPasses {
    private final ConvGeometry g;
    private final Parameter weight;
    private final Parameter bias;
    private final Kernels kernels;
    private final float[][] rows;  // per worker: im2row of one image, then its gradient
    private final float[][] outT;  // per worker: the transposed output of one image
    private final float[] weightT; // Wᵀ (K, Cout), refreshed by each forward pass

    UnfoldedConv(ConvGeometry g, Parameter weight, Parameter bias, Kernels kernels, int workers) {
        this.g = g;
        this.weight = weight;
        this.bias = bias;
        this.kernels = kernels;
        this.rows = new float[workers][g.p() * g.k()];
        this.outT = new float[workers][g.p() * g.cout()];
        this.weightT = new float[g.k() * g.cout()];
    }

    @Override
    public void beforeForward() {
        ConvKernels.transpose(weight.data(), weight.offset(), g.cout(), g.k(), weightT, 0);
    }

    @Override
    public void forward(float[] x, int xOff, float[] y, int yOff, int worker) {
        int cout = g.cout(), p = g.p(), k = g.k();
        float[] r = rows[worker];
        float[] t = outT[worker];
        ConvKernels.im2row(x, xOff, g.cin(), g.h(), g.w(), g.kh(), g.kw(), g.stride(), g.pad(), r, 0);
        // outᵀ (P, Cout) = rows (P, K) · Wᵀ (K, Cout)
        kernels.sgemm(false, false, p, cout, k, r, 0, k, weightT, 0, cout, t, 0, cout, false);
        for (int co = 0; co < cout; co++) {
            float b = bias == null ? 0f : bias.data()[bias.offset() + co];
            int dst = yOff + co * p;
            for (int q = 0; q < p; q++) {
                y[dst + q] = t[q * cout + co] + b;
            }
        }
    }

    @Override
    public void beforeBackward() {
    }

    @Override
    public void backward(float[] x, int xOff, float[] gy, int yOff, float[] partial, float[] gx, int worker) {
        int cout = g.cout(), p = g.p(), k = g.k();
        float[] r = rows[worker];
        ConvKernels.im2row(x, xOff, g.cin(), g.h(), g.w(), g.kh(), g.kw(), g.stride(), g.pad(), r, 0);
        // out = W · rowsᵀ  ⇒  dW (Cout, K) += dOut (Cout, P) · rows (P, K)
        kernels.sgemm(false, false, cout, k, p, gy, yOff, p, r, 0, k, partial, 0, k, true);
        if (gx != null) {
            // dRows (P, K) = dOutᵀ (P, Cout) · W (Cout, K), then folded back onto the image
            kernels.sgemm(true, false, p, k, cout, gy, yOff, p, weight.data(), weight.offset(), k, r, 0, k, false);
            ConvKernels.row2im(r, 0, g.cin(), g.h(), g.w(), g.kh(), g.kw(), g.stride(), g.pad(), gx, xOff);
        }
    }

    @Override
    public int partialIndex(int i) {
        return i;
    }
}

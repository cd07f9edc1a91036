package dev.inkwell.nn;

import dev.inkwell.init.Rng;
import dev.inkwell.parallel.RangeTask;
import dev.inkwell.tensor.Shape;

import java.util.Arrays;
import java.util.List;

/**
 * Batch normalisation over the channel dimension (dimension 0 of the per-sample shape), as
 * {@code torch.nn.BatchNorm1d/2d}. Training normalises with the batch mean and the biased batch
 * variance and updates the running statistics with the unbiased one:
 * running = (1 - momentum)·running + momentum·batch statistic. Evaluation normalises with the
 * running statistics. Parameters {@code weight} (γ, init 1) and {@code bias} (β, init 0); state
 * {@code running_mean} (init 0) and {@code running_var} (init 1).
 *
 * <p>Threads split the channels; each channel's sums run over the batch in order, in double.
 */
public abstract class BatchNorm extends Layer {

    /** Settings: number of channels, eps added to the variance, momentum of the running statistics. */
    public record Spec(int features, double eps, double momentum) {
        /**
         * Checks the feature count, eps and momentum.
         *
         * @param features the number of features (channels) normalised
         * @param eps added to the variance for stability
         * @param momentum the weight of a batch in the running statistics
         */
        public Spec {
            if (features < 1) {
                throw new IllegalArgumentException("features must be at least 1, got " + features);
            }
            if (!(eps > 0)) {
                throw new IllegalArgumentException("eps must be positive, got " + eps);
            }
            if (!(momentum >= 0 && momentum <= 1)) {
                throw new IllegalArgumentException("momentum must be in [0, 1], got " + momentum);
            }
        }

        /**
         * PyTorch's defaults: eps 1e-5, momentum 0.1.
         *
         * @param features the number of features (channels)
         * @return the settings
         */
        public static Spec of(int features) {
            return new Spec(features, 1e-5, 0.1);
        }
    }

    /** Rows at least this long are summed by the kernels; shorter ones gain nothing from a call. */
    private static final int VECTOR_ROW = 16;

    /** The layer's settings. */
    protected final Spec spec;
    private Parameter weight;
    private Parameter bias;
    private Parameter runningMean;
    private Parameter runningVar;
    private int spatial;
    private float[] output;
    private float[] gradInput;
    private float[] normalized;
    private float[] invStd;
    private boolean lastTraining;

    private float[] in;
    private float[] gy;
    private int batch;
    private final RangeTask forwardTask = this::forwardChannels;
    private final RangeTask backwardTask = this::backwardChannels;

    /**
     * A batch norm with these settings.
     *
     * @param spec the settings
     */
    protected BatchNorm(Spec spec) {
        this.spec = spec;
    }

    /**
     * The layer's settings.
     *
     * @return the settings
     */
    public Spec spec() {
        return spec;
    }

    @Override
    protected List<ParamSpec> parameterSpecs(Shape input) {
        Shape s = Shape.of(spec.features());
        return List.of(new ParamSpec("weight", s), new ParamSpec("bias", s));
    }

    @Override
    protected List<ParamSpec> stateSpecs(Shape input) {
        Shape s = Shape.of(spec.features());
        return List.of(new ParamSpec("running_mean", s), new ParamSpec("running_var", s));
    }

    @Override
    protected void bind(List<Parameter> parameters, List<Parameter> state) {
        weight = parameters.get(0);
        bias = parameters.get(1);
        runningMean = state.get(0);
        runningVar = state.get(1);
    }

    @Override
    protected void initialize(Rng rng) {
        fill(weight, 1f);
        fill(bias, 0f);
        fill(runningMean, 0f);
        fill(runningVar, 1f);
    }

    private static void fill(Parameter p, float v) {
        Arrays.fill(p.data(), p.offset(), p.offset() + p.size(), v);
    }

    @Override
    protected void allocate() {
        spatial = inputShape.size() / spec.features();
        output = new float[maxBatch * inputShape.size()];
        normalized = new float[maxBatch * inputShape.size()];
        gradInput = inputGradientNeeded ? new float[maxBatch * inputShape.size()] : null;
        invStd = new float[spec.features()];
    }

    @Override
    protected float[] computeForward(float[] input, int batch, boolean training) {
        if (training && batch * spatial < 2) {
            throw new IllegalArgumentException(describe() + ": training needs more than one value per channel, got "
                    + "batch " + batch + " x " + inputShape);
        }
        this.in = input;
        this.batch = batch;
        this.lastTraining = training;
        pool.forRange(spec.features(), forwardTask);
        this.in = null;
        return output;
    }

    private void forwardChannels(int from, int to, int worker) {
        int channels = spec.features();
        int m = batch * spatial;
        for (int c = from; c < to; c++) {
            double mean, var;
            if (lastTraining) {
                // the deviations go into `normalized` for the variance, and are scaled in place below
                double sum = 0;
                for (int n = 0; n < batch; n++) {
                    sum += rowSum(in, (n * channels + c) * spatial);
                }
                mean = sum / m;
                float deviationsFrom = (float) mean;
                double sq = 0;
                for (int n = 0; n < batch; n++) {
                    int base = (n * channels + c) * spatial;
                    for (int s = base; s < base + spatial; s++) {
                        normalized[s] = in[s] - deviationsFrom;
                    }
                    sq += rowDot(normalized, normalized, base);
                }
                var = sq / m;
                float momentum = (float) spec.momentum();
                int rm = runningMean.offset() + c, rv = runningVar.offset() + c;
                runningMean.data()[rm] = (1 - momentum) * runningMean.data()[rm] + momentum * (float) mean;
                runningVar.data()[rv] = (1 - momentum) * runningVar.data()[rv]
                        + momentum * (float) (var * m / (m - 1));
            } else {
                mean = runningMean.data()[runningMean.offset() + c];
                var = runningVar.data()[runningVar.offset() + c];
            }
            float inv = inverseStd(var);
            invStd[c] = inv;
            float fmean = (float) mean;
            float gamma = weight.data()[weight.offset() + c];
            float beta = bias.data()[bias.offset() + c];
            for (int n = 0; n < batch; n++) {
                int base = (n * channels + c) * spatial;
                for (int s = base; s < base + spatial; s++) {
                    float xh = (in[s] - fmean) * inv;
                    normalized[s] = xh;
                    output[s] = gamma * xh + beta;
                }
            }
        }
    }

    /** 1/√(var + eps), rounded to float once. */
    private float inverseStd(double var) {
        return (float) (1.0 / Math.sqrt(var + spec.eps()));
    }

    /**
     * What evaluation computes per channel, as four rows of features: the mean, 1/√(var + eps), γ and β,
     * each as {@code forwardChannels} computes it, so that γ·((x - mean)·(1/std)) + β gives its bits.
     */
    void evaluationAffine(float[] dst) {
        int f = spec.features();
        for (int c = 0; c < f; c++) {
            double var = runningVar.data()[runningVar.offset() + c];
            dst[c] = runningMean.data()[runningMean.offset() + c];
            dst[f + c] = inverseStd(var);
            dst[2 * f + c] = weight.data()[weight.offset() + c];
            dst[3 * f + c] = bias.data()[bias.offset() + c];
        }
    }

    /**
     * Σ x over one image's row of a channel: by the kernels (vector lanes) when the row is long enough
     * to fill vectors, in order otherwise (BatchNorm1d's rows are single values). Rows add up in double.
     */
    private double rowSum(float[] x, int base) {
        if (spatial >= VECTOR_ROW) {
            return kernels.sum(x, base, spatial);
        }
        double sum = 0;
        for (int s = base; s < base + spatial; s++) {
            sum += x[s];
        }
        return sum;
    }

    /** Σ x·y over one image's row of a channel, as {@link #rowSum}. */
    private double rowDot(float[] x, float[] y, int base) {
        if (spatial >= VECTOR_ROW) {
            return kernels.dot(x, base, y, base, spatial);
        }
        double sum = 0;
        for (int s = base; s < base + spatial; s++) {
            sum += (double) x[s] * y[s];
        }
        return sum;
    }

    @Override
    protected float[] computeBackward(float[] input, float[] gradOutput, int batch) {
        this.gy = gradOutput;
        this.batch = batch;
        pool.forRange(spec.features(), backwardTask);
        this.gy = null;
        return gradInput;
    }

    private void backwardChannels(int from, int to, int worker) {
        int channels = spec.features();
        int m = batch * spatial;
        for (int c = from; c < to; c++) {
            double sumGy = 0, sumGyXhat = 0;
            for (int n = 0; n < batch; n++) {
                int base = (n * channels + c) * spatial;
                sumGy += rowSum(gy, base);
                sumGyXhat += rowDot(gy, normalized, base);
            }
            weight.grad()[weight.offset() + c] += (float) sumGyXhat;
            bias.grad()[bias.offset() + c] += (float) sumGy;
            if (!inputGradientNeeded) {
                continue;
            }
            float gamma = weight.data()[weight.offset() + c];
            float scale = gamma * invStd[c];
            if (lastTraining) {
                // y = γ·(x - mean)·invStd + β with mean and var functions of the whole channel:
                // dx = γ·invStd/m · (m·dy - Σdy - x̂·Σ(dy·x̂))
                float meanGy = (float) (sumGy / m);
                float meanGyXhat = (float) (sumGyXhat / m);
                for (int n = 0; n < batch; n++) {
                    int base = (n * channels + c) * spatial;
                    for (int s = base; s < base + spatial; s++) {
                        gradInput[s] = scale * (gy[s] - meanGy - normalized[s] * meanGyXhat);
                    }
                }
            } else {
                for (int n = 0; n < batch; n++) {
                    int base = (n * channels + c) * spatial;
                    for (int s = base; s < base + spatial; s++) {
                        gradInput[s] = scale * gy[s];
                    }
                }
            }
        }
    }

    @Override
    public LayerConfig config() {
        return LayerConfig.of(getClass().getSimpleName(), "features", spec.features(), "eps", spec.eps(),
                "momentum", spec.momentum());
    }
}

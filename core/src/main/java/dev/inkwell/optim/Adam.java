package dev.inkwell.optim;

import dev.inkwell.kernels.Kernels;
import dev.inkwell.nn.ComputeContext;
import dev.inkwell.nn.Parameters;
import dev.inkwell.parallel.RangeTask;
import dev.inkwell.parallel.WorkerPool;

/**
 * Adam, exactly as {@code torch.optim.Adam} (no amsgrad): at step t, d = g + weight_decay·p;
 * m = β1·m + (1-β1)·d; v = β2·v + (1-β2)·d²;
 * p -= lr/(1-β1ᵗ) · m / (√v / √(1-β2ᵗ) + eps). {@link AdamW} decouples the weight decay.
 */
public class Adam implements Optimizer {

    /** Adam settings. */
    public record Config(double lr, double beta1, double beta2, double eps, double weightDecay) {
        public Config {
            Optimizer.checkLearningRate(lr);
            if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
                throw new IllegalArgumentException("betas must be in [0, 1), got " + beta1 + ", " + beta2);
            }
            if (!(eps > 0) || Double.isInfinite(eps)) {
                throw new IllegalArgumentException("eps must be a finite number > 0, got " + eps);
            }
            if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
                throw new IllegalArgumentException("weight decay must be a finite number >= 0, got " + weightDecay);
            }
        }

        /** PyTorch's Adam defaults: betas (0.9, 0.999), eps 1e-8, no weight decay. */
        public static Config of(double lr) {
            return new Config(lr, 0.9, 0.999, 1e-8, 0);
        }

        public Config betas(double b1, double b2) {
            return new Config(lr, b1, b2, eps, weightDecay);
        }

        public Config eps(double e) {
            return new Config(lr, beta1, beta2, e, weightDecay);
        }

        public Config weightDecay(double wd) {
            return new Config(lr, beta1, beta2, eps, wd);
        }
    }

    private final Parameters params;
    private final Config config;
    private final boolean decoupledDecay;
    private final WorkerPool pool;
    private final Kernels kernels;
    private final float[] m;
    private final float[] v;
    private double lr;
    private long steps;

    // per-step constants read by the range task
    private float paramScale, l2, stepSize, sqrtBiasCorrection2;
    private final RangeTask stepTask = this::stepRange;

    public Adam(Parameters params, Config config, ComputeContext context) {
        this(params, config, context, false);
    }

    /** With the default compute context. */
    public Adam(Parameters params, Config config) {
        this(params, config, ComputeContext.defaults(), false);
    }

    Adam(Parameters params, Config config, ComputeContext context, boolean decoupledDecay) {
        this.params = params;
        this.config = config;
        this.decoupledDecay = decoupledDecay;
        this.pool = context.pool();
        this.kernels = context.kernels();
        this.lr = config.lr();
        this.m = new float[params.count()];
        this.v = new float[params.count()];
    }

    @Override
    public void step() {
        long t = steps + 1;
        double biasCorrection1 = 1 - Math.pow(config.beta1(), t);
        double biasCorrection2 = 1 - Math.pow(config.beta2(), t);
        paramScale = decoupledDecay ? (float) (1 - lr * config.weightDecay()) : 1f;
        l2 = decoupledDecay ? 0f : (float) config.weightDecay();
        stepSize = (float) (lr / biasCorrection1);
        sqrtBiasCorrection2 = (float) Math.sqrt(biasCorrection2);
        pool.forRange(params.count(), stepTask);
        steps = t;
    }

    private void stepRange(int from, int to, int worker) {
        kernels.adamStep(params.values(), params.grads(), m, v, from, to - from, paramScale, l2,
                (float) config.beta1(), (float) config.beta2(), stepSize, sqrtBiasCorrection2, (float) config.eps());
    }

    /** First moment estimates m (exp_avg), laid out as the parameter values. */
    public float[] firstMoment() {
        return m;
    }

    /** Second moment estimates v (exp_avg_sq), laid out as the parameter values. */
    public float[] secondMoment() {
        return v;
    }

    public Config config() {
        return config;
    }

    @Override
    public Parameters parameters() {
        return params;
    }

    @Override
    public double learningRate() {
        return lr;
    }

    @Override
    public void setLearningRate(double lr) {
        Optimizer.checkLearningRate(lr);
        this.lr = lr;
    }

    @Override
    public long steps() {
        return steps;
    }

    @Override
    public java.util.Map<String, float[]> state() {
        return java.util.Map.of("exp_avg", m, "exp_avg_sq", v);
    }

    @Override
    public void restoreSteps(long steps) {
        this.steps = steps;
    }
}

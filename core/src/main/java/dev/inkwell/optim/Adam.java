package dev.inkwell.optim;

import dev.inkwell.nn.ComputeContext;
import dev.inkwell.nn.Parameters;

/**
 * Adam, exactly as {@code torch.optim.Adam} (no amsgrad): at step t, d = g + weight_decay·p;
 * m = β1·m + (1-β1)·d; v = β2·v + (1-β2)·d²;
 * p -= lr/(1-β1ᵗ) · m / (√v / √(1-β2ᵗ) + eps). {@link AdamW} decouples the weight decay.
 */
public class Adam extends FlatOptimizer {

    /** Adam settings. */
    public record Config(double lr, double beta1, double beta2, double eps, double weightDecay) {
        /**
         * Checks every setting against the ranges {@code torch.optim.Adam} accepts.
         *
         * @param lr the learning rate
         * @param beta1 the decay of the first moment
         * @param beta2 the decay of the second moment
         * @param eps added to the denominator
         * @param weightDecay the L2 penalty added to the gradient
         */
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

        /**
         * PyTorch's Adam defaults: betas (0.9, 0.999), eps 1e-8, no weight decay.
         *
         * @param lr the learning rate
         * @return the settings
         */
        public static Config of(double lr) {
            return new Config(lr, 0.9, 0.999, 1e-8, 0);
        }

        /**
         * These settings with other moment decay rates.
         *
         * @param b1 the decay of the first moment
         * @param b2 the decay of the second moment
         * @return a copy of these settings
         */
        public Config betas(double b1, double b2) {
            return new Config(lr, b1, b2, eps, weightDecay);
        }

        /**
         * These settings with another denominator term.
         *
         * @param e the new eps
         * @return a copy of these settings
         */
        public Config eps(double e) {
            return new Config(lr, beta1, beta2, e, weightDecay);
        }

        /**
         * These settings with another weight decay.
         *
         * @param wd the new weight decay
         * @return a copy of these settings
         */
        public Config weightDecay(double wd) {
            return new Config(lr, beta1, beta2, eps, wd);
        }
    }

    private final Config config;
    private final boolean decoupledDecay;
    private final float[] m;
    private final float[] v;
    // per-step constants of the elementwise update
    private float paramScale, l2, stepSize, sqrtBiasCorrection2;

    /**
     * An Adam optimizer over {@code params}, running on {@code context}'s kernels.
     *
     * @param params the parameters to update
     * @param config the settings
     * @param context the threads and kernels to run on
     */
    public Adam(Parameters params, Config config, ComputeContext context) {
        this(params, config, context, false);
    }

    /**
     * With the default compute context.
     *
     * @param params the parameters to update
     * @param config the settings
     */
    public Adam(Parameters params, Config config) {
        this(params, config, ComputeContext.defaults(), false);
    }

    Adam(Parameters params, Config config, ComputeContext context, boolean decoupledDecay) {
        super(params, config.lr(), context);
        this.config = config;
        this.decoupledDecay = decoupledDecay;
        this.m = new float[params.count()];
        this.v = new float[params.count()];
    }

    @Override
    void beforeUpdate() {
        long t = steps + 1;
        paramScale = decoupledDecay ? (float) (1 - lr * config.weightDecay()) : 1f;
        l2 = decoupledDecay ? 0f : (float) config.weightDecay();
        stepSize = (float) (lr / (1 - Math.pow(config.beta1(), t)));
        sqrtBiasCorrection2 = (float) Math.sqrt(1 - Math.pow(config.beta2(), t));
    }

    @Override
    void update(int from, int to) {
        kernels.adamStep(params.values(), params.grads(), m, v, from, to - from, paramScale, l2,
                (float) config.beta1(), (float) config.beta2(), stepSize, sqrtBiasCorrection2, (float) config.eps());
    }

    /**
     * First moment estimates m (exp_avg), laid out as the parameter values.
     *
     * @return the first moments
     */
    public float[] firstMoment() {
        return m;
    }

    /**
     * Second moment estimates v (exp_avg_sq), laid out as the parameter values.
     *
     * @return the second moments
     */
    public float[] secondMoment() {
        return v;
    }

    /**
     * The settings this optimizer was made with.
     *
     * @return the settings
     */
    public Config config() {
        return config;
    }

    @Override
    public java.util.Map<String, float[]> state() {
        return java.util.Map.of("exp_avg", m, "exp_avg_sq", v);
    }
}

package dev.inkwell.optim;

import dev.inkwell.nn.ComputeContext;
import dev.inkwell.nn.Parameters;

/**
 * Stochastic gradient descent with momentum, dampening, Nesterov momentum and L2 weight decay, exactly
 * as {@code torch.optim.SGD}: d = g + weight_decay·p; buf = d on the first step, else
 * momentum·buf + (1 - dampening)·d; p -= lr·(nesterov ? d + momentum·buf : buf).
 */
public final class Sgd extends FlatOptimizer {

    /** SGD settings; {@link #of} gives plain SGD, the withers add the rest. */
    public record Config(double lr, double momentum, double dampening, double weightDecay, boolean nesterov) {
        /**
         * Checks every setting against the ranges {@code torch.optim.SGD} accepts.
         *
         * @param lr the learning rate
         * @param momentum the momentum factor
         * @param dampening the dampening of the gradient in the momentum buffer
         * @param weightDecay the L2 penalty
         * @param nesterov whether to use Nesterov momentum
         */
        public Config {
            Optimizer.checkLearningRate(lr);
            if (!(momentum >= 0) || !(dampening >= 0) || !(weightDecay >= 0)
                    || Double.isInfinite(momentum) || Double.isInfinite(dampening) || Double.isInfinite(weightDecay)) {
                throw new IllegalArgumentException("momentum, dampening and weight decay must be finite and >= 0, got "
                        + momentum + ", " + dampening + ", " + weightDecay);
            }
            if (nesterov && (momentum <= 0 || dampening != 0)) {
                throw new IllegalArgumentException("Nesterov momentum requires momentum > 0 and dampening 0");
            }
        }

        /**
         * Plain SGD at this learning rate: no momentum, no weight decay.
         *
         * @param lr the learning rate
         * @return the settings
         */
        public static Config of(double lr) {
            return new Config(lr, 0, 0, 0, false);
        }

        /**
         * These settings with another momentum.
         *
         * @param m the new momentum
         * @return a copy of these settings
         */
        public Config momentum(double m) {
            return new Config(lr, m, dampening, weightDecay, nesterov);
        }

        /**
         * These settings with another momentum dampening.
         *
         * @param d the new dampening
         * @return a copy of these settings
         */
        public Config dampening(double d) {
            return new Config(lr, momentum, d, weightDecay, nesterov);
        }

        /**
         * These settings with another L2 weight decay.
         *
         * @param wd the new weight decay
         * @return a copy of these settings
         */
        public Config weightDecay(double wd) {
            return new Config(lr, momentum, dampening, wd, nesterov);
        }

        /**
         * These settings with or without Nesterov momentum.
         *
         * @param n whether to use Nesterov momentum
         * @return a copy of these settings
         */
        public Config nesterov(boolean n) {
            return new Config(lr, momentum, dampening, weightDecay, n);
        }
    }

    private final Config config;
    private final float[] momentumBuffer;

    /**
     * An SGD optimizer over {@code params}, running on {@code context}'s kernels.
     *
     * @param params the parameters to update
     * @param config the settings
     * @param context the threads and kernels to run on
     */
    public Sgd(Parameters params, Config config, ComputeContext context) {
        super(params, config.lr(), context);
        this.config = config;
        this.momentumBuffer = config.momentum() != 0 ? new float[params.count()] : null;
    }

    /**
     * With the default compute context.
     *
     * @param params the parameters to update
     * @param config the settings
     */
    public Sgd(Parameters params, Config config) {
        this(params, config, ComputeContext.defaults());
    }

    @Override
    void update(int from, int to) {
        kernels.sgdStep(params.values(), params.grads(), momentumBuffer, from, to - from, (float) lr,
                (float) config.momentum(), (float) config.dampening(), (float) config.weightDecay(),
                config.nesterov(), steps == 0);
    }

    /**
     * The momentum buffer (laid out as {@link Parameters#values()}), or null without momentum.
     *
     * @return the buffer, or null
     */
    public float[] momentumBuffer() {
        return momentumBuffer;
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
        return momentumBuffer == null ? java.util.Map.of() : java.util.Map.of("momentum", momentumBuffer);
    }
}

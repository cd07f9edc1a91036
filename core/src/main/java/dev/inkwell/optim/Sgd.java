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
        /** Checks every setting against the ranges {@code torch.optim.SGD} accepts. */
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

        /** Plain SGD at this learning rate: no momentum, no weight decay. */
        public static Config of(double lr) {
            return new Config(lr, 0, 0, 0, false);
        }

        /** These settings with another momentum. */
        public Config momentum(double m) {
            return new Config(lr, m, dampening, weightDecay, nesterov);
        }

        /** These settings with another momentum dampening. */
        public Config dampening(double d) {
            return new Config(lr, momentum, d, weightDecay, nesterov);
        }

        /** These settings with another L2 weight decay. */
        public Config weightDecay(double wd) {
            return new Config(lr, momentum, dampening, wd, nesterov);
        }

        /** These settings with or without Nesterov momentum. */
        public Config nesterov(boolean n) {
            return new Config(lr, momentum, dampening, weightDecay, n);
        }
    }

    private final Config config;
    private final float[] momentumBuffer;

    /** An SGD optimizer over {@code params}, running on {@code context}'s kernels. */
    public Sgd(Parameters params, Config config, ComputeContext context) {
        super(params, config.lr(), context);
        this.config = config;
        this.momentumBuffer = config.momentum() != 0 ? new float[params.count()] : null;
    }

    /** With the default compute context. */
    public Sgd(Parameters params, Config config) {
        this(params, config, ComputeContext.defaults());
    }

    @Override
    void update(int from, int to) {
        kernels.sgdStep(params.values(), params.grads(), momentumBuffer, from, to - from, (float) lr,
                (float) config.momentum(), (float) config.dampening(), (float) config.weightDecay(),
                config.nesterov(), steps == 0);
    }

    /** The momentum buffer (laid out as {@link Parameters#values()}), or null without momentum. */
    public float[] momentumBuffer() {
        return momentumBuffer;
    }

    /** The settings this optimizer was made with. */
    public Config config() {
        return config;
    }

    @Override
    public java.util.Map<String, float[]> state() {
        return momentumBuffer == null ? java.util.Map.of() : java.util.Map.of("momentum", momentumBuffer);
    }
}

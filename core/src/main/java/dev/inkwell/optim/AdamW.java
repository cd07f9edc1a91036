package dev.inkwell.optim;

import dev.inkwell.nn.ComputeContext;
import dev.inkwell.nn.Parameters;

/**
 * AdamW, exactly as {@code torch.optim.AdamW}: Adam with decoupled weight decay, p *= 1 - lr·weight_decay
 * before the Adam update, which itself sees the raw gradient. PyTorch's default weight decay is 0.01.
 */
public final class AdamW extends Adam {

    /**
     * An AdamW optimizer (decoupled weight decay) over {@code params}.
     *
     * @param params the parameters to update
     * @param config the settings; its weight decay is decoupled
     * @param context the threads and kernels to run on
     */
    public AdamW(Parameters params, Config config, ComputeContext context) {
        super(params, config, context, true);
    }

    /**
     * With the default compute context.
     *
     * @param params the parameters to update
     * @param config the settings; its weight decay is decoupled
     */
    public AdamW(Parameters params, Config config) {
        this(params, config, ComputeContext.defaults());
    }

    /**
     * PyTorch's AdamW defaults: betas (0.9, 0.999), eps 1e-8, weight decay 0.01.
     *
     * @param lr the learning rate
     * @return the settings
     */
    public static Config defaults(double lr) {
        return Config.of(lr).weightDecay(0.01);
    }
}

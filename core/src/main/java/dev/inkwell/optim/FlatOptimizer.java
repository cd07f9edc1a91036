package dev.inkwell.optim;

import dev.inkwell.kernels.Kernels;
import dev.inkwell.nn.ComputeContext;
import dev.inkwell.nn.Parameters;
import dev.inkwell.parallel.RangeTask;
import dev.inkwell.parallel.WorkerPool;

/**
 * What every optimizer here shares: one elementwise update over the flat parameter array, split
 * across the worker pool (each element's update is independent, so any split gives the same bits),
 * a learning rate and a step counter.
 */
abstract class FlatOptimizer implements Optimizer {
    /** The parameters stepped, with their gradients. */
    protected final Parameters params;
    /** The kernels the steps run on. */
    protected final Kernels kernels;
    private final WorkerPool pool;
    private final RangeTask stepTask = (from, to, worker) -> update(from, to);
    /** The learning rate of the next step. */
    protected double lr;
    /** Steps taken so far. */
    protected long steps;

    FlatOptimizer(Parameters params, double lr, ComputeContext context) {
        this.params = params;
        this.kernels = context.kernels();
        this.pool = context.pool();
        this.lr = lr;
    }

    @Override
    public final void step() {
        beforeUpdate();
        pool.forRange(params.count(), stepTask);
        steps++;
    }

    /** Per-step constants, computed once before the elementwise update. */
    void beforeUpdate() {
    }

    /** Updates parameter elements [from, to). */
    abstract void update(int from, int to);

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
    public void restoreSteps(long steps) {
        this.steps = steps;
    }
}

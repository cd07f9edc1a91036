package dev.inkwell.optim;

import dev.inkwell.nn.Parameters;

/**
 * Updates a network's parameters from their gradients, one {@link #step()} at a time, with the
 * semantics of the {@code torch.optim} class of the same name. An optimizer works on the flat
 * {@link Parameters} arrays: one loop over every value.
 */
public interface Optimizer {

    /** Applies one update using the gradients now stored. */
    void step();

    /**
     * The parameters this optimizer updates.
     *
     * @return the parameters
     */
    Parameters parameters();

    /** Clears the gradients; call before each forward/backward pass. */
    default void zeroGrad() {
        parameters().zeroGrad();
    }

    /**
     * The learning rate the next step uses.
     *
     * @return the learning rate
     */
    double learningRate();

    /**
     * Sets the learning rate for the next steps (what an {@link LrSchedule} drives).
     *
     * @param lr the new learning rate
     */
    void setLearningRate(double lr);

    /**
     * Steps taken so far.
     *
     * @return the step count
     */
    long steps();

    /**
     * The optimizer's state buffers by name (for example {@code momentum}), live and laid out as the
     * parameter values: what a checkpoint saves and restores.
     *
     * @return the buffers by name
     */
    java.util.Map<String, float[]> state();

    /**
     * Sets the step counter, when resuming from a checkpoint.
     *
     * @param steps the step count
     */
    void restoreSteps(long steps);

    /**
     * Refuses a learning rate that is negative or not finite.
     *
     * @param lr the learning rate
     */
    static void checkLearningRate(double lr) {
        if (!(lr >= 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("learning rate must be a finite number >= 0, got " + lr);
        }
    }
}

package dev.inkwell.train;

/** The loss became NaN or infinite: training stops rather than write a broken model. */
public final class TrainingDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * A stop with this message, which names the epoch and step.
     *
     * @param message what diverged, and where
     */
    public TrainingDivergedException(String message) {
        super(message);
    }
}

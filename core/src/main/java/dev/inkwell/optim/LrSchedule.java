package dev.inkwell.optim;

/**
 * A learning rate as a function of a step counter (optimizer steps or epochs: the caller chooses and
 * calls {@link Optimizer#setLearningRate} with {@link #at}). Schedules are pure functions, so a
 * resumed run gets the same rates without saving any scheduler state.
 */
@FunctionalInterface
public interface LrSchedule {

    /**
     * The learning rate at step {@code step} (0-based).
     *
     * @param step the step
     * @return the learning rate
     */
    double at(long step);

    /**
     * The same learning rate at every step.
     *
     * @param lr the learning rate
     * @return the schedule
     */
    static LrSchedule constant(double lr) {
        Optimizer.checkLearningRate(lr);
        return step -> lr;
    }

    /**
     * As {@code torch.optim.lr_scheduler.StepLR}: lr·gamma^⌊step/stepSize⌋.
     *
     * @param lr the initial learning rate
     * @param stepSize steps between decays
     * @param gamma the factor of each decay
     * @return the schedule
     */
    static LrSchedule step(double lr, int stepSize, double gamma) {
        Optimizer.checkLearningRate(lr);
        if (stepSize < 1 || !(gamma > 0)) {
            throw new IllegalArgumentException("step size must be >= 1 and gamma > 0, got " + stepSize + ", " + gamma);
        }
        return step -> lr * Math.pow(gamma, step / stepSize);
    }

    /**
     * As {@code CosineAnnealingLR} (closed form): from lr down to minLr over totalSteps along half a
     * cosine, then minLr.
     *
     * @param lr the initial learning rate
     * @param totalSteps the length of the annealing
     * @param minLr the final learning rate
     * @return the schedule
     */
    static LrSchedule cosine(double lr, long totalSteps, double minLr) {
        Optimizer.checkLearningRate(lr);
        Optimizer.checkLearningRate(minLr);
        if (totalSteps < 1) {
            throw new IllegalArgumentException("total steps must be >= 1, got " + totalSteps);
        }
        return step -> {
            double t = Math.min(step, totalSteps);
            return minLr + (lr - minLr) * (1 + Math.cos(Math.PI * t / totalSteps)) / 2;
        };
    }

    /**
     * Linear warm-up as {@code LinearLR}: the factor rises from startFactor to 1 over warmupSteps,
     * multiplying this schedule; afterwards the schedule is unchanged.
     *
     * @param warmupSteps the length of the warm-up
     * @param startFactor the factor at step 0
     * @return the schedule with warm-up
     */
    default LrSchedule withWarmup(long warmupSteps, double startFactor) {
        if (warmupSteps < 1 || !(startFactor > 0 && startFactor <= 1)) {
            throw new IllegalArgumentException("warm-up needs steps >= 1 and a start factor in (0, 1], got "
                    + warmupSteps + ", " + startFactor);
        }
        LrSchedule after = this;
        return step -> after.at(step)
                * (startFactor + (1 - startFactor) * Math.min(step, warmupSteps) / (double) warmupSteps);
    }

    /**
     * As {@code OneCycleLR} (cosine annealing, two phases): from maxLr/divFactor up to maxLr over the
     * first pctStart of totalSteps, then down to maxLr/(divFactor·finalDivFactor) at the last step.
     *
     * @param maxLr the peak learning rate
     * @param totalSteps the length of the cycle
     * @param pctStart the share of the cycle spent rising
     * @param divFactor maxLr divided by the initial learning rate
     * @param finalDivFactor the initial learning rate divided by the final one
     * @return the schedule
     */
    static LrSchedule oneCycle(double maxLr, long totalSteps, double pctStart, double divFactor,
                               double finalDivFactor) {
        Optimizer.checkLearningRate(maxLr);
        if (totalSteps < 2 || !(pctStart > 0 && pctStart < 1) || !(divFactor > 0) || !(finalDivFactor > 0)) {
            throw new IllegalArgumentException("one-cycle needs total steps >= 2, pctStart in (0, 1) and positive "
                    + "div factors");
        }
        double initial = maxLr / divFactor;
        double min = initial / finalDivFactor;
        double peakStep = pctStart * totalSteps - 1;
        double lastStep = totalSteps - 1;
        return step -> {
            if (step <= peakStep) {
                return cosineBetween(initial, maxLr, step / peakStep);
            }
            return cosineBetween(maxLr, min, Math.min(1, (step - peakStep) / (lastStep - peakStep)));
        };
    }

    /**
     * PyTorch's one-cycle defaults: pctStart 0.3, divFactor 25, finalDivFactor 1e4.
     *
     * @param maxLr the peak learning rate
     * @param totalSteps the length of the cycle
     * @return the schedule
     */
    static LrSchedule oneCycle(double maxLr, long totalSteps) {
        return oneCycle(maxLr, totalSteps, 0.3, 25, 1e4);
    }

    private static double cosineBetween(double start, double end, double pct) {
        return end + (start - end) / 2 * (Math.cos(Math.PI * pct) + 1);
    }
}

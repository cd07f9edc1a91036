package dev.inkwell.examples.cli;

import dev.inkwell.optim.LrSchedule;

/**
 * How an architecture is trained by default: epochs, batch size, SGD settings, learning-rate shape and
 * augmentation. The reference networks use the DESIGN recipe (batch 64, SGD lr 0.01, momentum 0.9,
 * constant rate, as the peers measured); {@code best} uses Nesterov SGD with a one-cycle rate,
 * weight decay and augmentation.
 */
record Recipe(int epochs, int batchSize, double lr, double momentum, double weightDecay, boolean nesterov,
              boolean oneCycle, boolean augment) {

    static Recipe forArchitecture(String arch) {
        switch (arch) {
            case "best":
                return new Recipe(15, 128, 0.1, 0.9, 5e-4, true, true, true);
            case "netl":
                return new Recipe(3, 64, 0.01, 0.9, 0, false, false, false);
            default:
                return new Recipe(5, 64, 0.01, 0.9, 0, false, false, false);
        }
    }

    /** The learning rate per optimizer step, for {@code stepsPerEpoch} steps in each epoch. */
    LrSchedule schedule(int stepsPerEpoch) {
        return oneCycle ? LrSchedule.oneCycle(lr, (long) epochs * stepsPerEpoch) : LrSchedule.constant(lr);
    }
}

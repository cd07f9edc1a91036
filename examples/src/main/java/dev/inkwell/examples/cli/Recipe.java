package dev.inkwell.examples.cli;

import dev.inkwell.nn.ComputeContext;
import dev.inkwell.nn.Parameters;
import dev.inkwell.optim.Adam;
import dev.inkwell.optim.LrSchedule;
import dev.inkwell.optim.Optimizer;
import dev.inkwell.optim.Sgd;

/**
 * How an architecture is trained by default: epochs, batch size, optimizer, learning-rate shape and
 * augmentation. {@code fast}, the default, is trained with Adam (β1 0.7, β2 0.9) under a one-cycle rate
 * at batch 128; {@code best} with Adam (β1 0.9, β2 0.9) under a one-cycle rate and augmentation, for 15
 * epochs on digits and 20 on clothing; the
 * reference networks use the DESIGN recipe (batch 64, SGD lr 0.01, momentum 0.9, constant rate, as the
 * peers measured).
 *
 * @param momentum SGD's momentum, or Adam's β1 (the decay of its running mean of gradients)
 * @param views what the trained model averages its answers over at test time: {@code none}, {@code shifts}
 *              (the image and its one-pixel shifts; {@code best}'s) or {@code mirror} (clothing's)
 */
record Recipe(int epochs, int batchSize, String optimizer, double lr, double momentum, double weightDecay,
              boolean nesterov, boolean oneCycle, boolean augment, String views) {
    static final String SGD = "sgd";
    static final String ADAM = "adam";
    static final String NO_VIEWS = "none";
    /** Adam's β2 in every recipe: a short memory of squared gradients suits runs of a few hundred steps. */
    static final double ADAM_BETA2 = 0.9;
    /** {@code best}'s epochs on clothing: the padded network with mirrored images is still improving at 15. */
    static final int CLOTHING_EPOCHS = 20;

    /**
     * The recipe of {@code arch}; {@code clothing} when the images are garments (augmented with mirroring), which
     * {@code best} trains longer, on its padded network, and answers over each image and its mirror.
     */
    static Recipe forArchitecture(String arch, boolean clothing) {
        switch (arch) {
            case "fast":
                return new Recipe(2, 128, ADAM, 0.01, 0.7, 0, false, true, false, NO_VIEWS);
            case "best":
                return new Recipe(clothing ? CLOTHING_EPOCHS : 15, 128, ADAM, 0.004, 0.9, 0, false, true, true,
                        clothing ? "mirror" : "shifts");
            case "netl":
                return new Recipe(3, 64, SGD, 0.01, 0.9, 0, false, false, false, NO_VIEWS);
            default:
                return new Recipe(5, 64, SGD, 0.01, 0.9, 0, false, false, false, NO_VIEWS);
        }
    }

    /** This recipe with the model averaging over other views at test time. */
    Recipe withViews(String other) {
        return new Recipe(epochs, batchSize, optimizer, lr, momentum, weightDecay, nesterov, oneCycle, augment, other);
    }

    /** The learning rate per optimizer step, for {@code stepsPerEpoch} steps in each epoch. */
    LrSchedule schedule(int stepsPerEpoch) {
        return oneCycle ? LrSchedule.oneCycle(lr, (long) epochs * stepsPerEpoch) : LrSchedule.constant(lr);
    }

    Optimizer optimizerFor(Parameters parameters, ComputeContext ctx) {
        if (optimizer.equals(ADAM)) {
            return new Adam(parameters, Adam.Config.of(lr).betas(momentum, ADAM_BETA2).weightDecay(weightDecay), ctx);
        }
        return new Sgd(parameters, Sgd.Config.of(lr).momentum(momentum).weightDecay(weightDecay).nesterov(nesterov),
                ctx);
    }

    /** One line: the optimizer and its settings, the schedule and augmentation. */
    String describe() {
        String rate = "lr " + lr + (oneCycle ? " (one-cycle peak)" : "");
        String settings = optimizer.equals(ADAM) ? "Adam " + rate + " betas (" + momentum + ", " + ADAM_BETA2 + ")"
                : "SGD " + rate + " momentum " + momentum + (nesterov ? " Nesterov" : "");
        return settings + (weightDecay > 0 ? " weight decay " + weightDecay : "") + (augment ? ", augmented" : "")
                + (views.equals(NO_VIEWS) ? "" : ", answers averaged over " + views);
    }
}

package dev.inkwell.nn;

import dev.inkwell.init.Rng;
import dev.inkwell.kernels.LossKernels;
import dev.inkwell.tensor.Shape;
import org.junit.jupiter.api.Test;

import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every layer's backward pass against central differences. The scalar objective is
 * L = Σ y·r in double, with r a random (non-uniform) upstream gradient, so every output element
 * weighs differently. Inputs keep away from ReLU's kink and max-pooling ties by more than the step.
 * Tolerance |analytic - numeric| &lt;= 2e-3 + 1e-2·|numeric| with step 1e-2: the float32 forward pass
 * leaves about 1e-4 of noise in a numeric derivative at these sizes.
 */
class GradientCheckTest {
    private static final double STEP = 1e-2, ABS = 2e-3, REL = 1e-2;

    enum Inputs { GAUSSIAN, AWAY_FROM_ZERO, DISTINCT }

    private static float[] inputs(Inputs kind, int n, Rng rng) {
        float[] x = new float[n];
        switch (kind) {
            case GAUSSIAN -> {
                for (int i = 0; i < n; i++) {
                    x[i] = (float) rng.nextGaussian();
                }
            }
            case AWAY_FROM_ZERO -> {
                for (int i = 0; i < n; i++) {
                    double v = 0.1 + Math.abs(rng.nextGaussian());
                    x[i] = (float) (rng.nextInt(2) == 0 ? v : -v);
                }
            }
            case DISTINCT -> {
                int[] perm = new int[n];
                for (int i = 0; i < n; i++) {
                    perm[i] = i;
                }
                rng.shuffle(perm);
                for (int i = 0; i < n; i++) {
                    x[i] = (perm[i] - n / 2f) * 0.05f; // neighbours differ by 0.05 > 2·STEP
                }
            }
        }
        return x;
    }

    /** Checks dL/dx and dL/dθ of one layer on a batch. {@code eachForward} runs before every forward pass. */
    private static void check(Supplier<Layer> factory, Shape in, int batch, boolean training, Inputs kind,
                              java.util.function.Consumer<Layer> eachForward) {
        Rng rng = new Rng(42);
        Layer layer = factory.get();
        Sequential net = new Sequential().add("layer", layer).inputGradient(true)
                .build(in, batch, ComputeContext.defaults(), 7);
        Parameters params = net.parameters();
        float[] x = inputs(kind, batch * in.size(), rng);
        float[] r = inputs(Inputs.GAUSSIAN, batch * net.outputShape().size(), rng);

        eachForward.accept(layer);
        net.forward(x, batch, training);
        params.zeroGrad();
        float[] gx = net.backward(r, batch).clone();
        float[] gTheta = params.grads().clone();

        Supplier<Double> objective = () -> {
            eachForward.accept(layer);
            float[] y = net.forward(x, batch, training);
            double l = 0;
            for (int i = 0; i < r.length; i++) {
                l += (double) y[i] * r[i];
            }
            return l;
        };
        compare(layer + " input", x, gx, objective);
        compare(layer + " parameters", params.values(), gTheta, objective);
    }

    private static void check(Supplier<Layer> factory, Shape in, int batch, boolean training, Inputs kind) {
        check(factory, in, batch, training, kind, l -> { });
    }

    private static void compare(String what, float[] values, float[] analytic, Supplier<Double> objective) {
        for (int i = 0; i < values.length; i++) {
            float keep = values[i];
            float up = (float) (keep + STEP), down = (float) (keep - STEP);
            values[i] = up;
            double lUp = objective.get();
            values[i] = down;
            double lDown = objective.get();
            values[i] = keep;
            double numeric = (lUp - lDown) / ((double) up - down);
            if (!(Math.abs(analytic[i] - numeric) <= ABS + REL * Math.abs(numeric))) {
                fail(what + ": element " + i + " analytic " + analytic[i] + " vs numeric " + numeric);
            }
        }
    }

    @Test
    void conv2dStridedPadded() {
        check(() -> new Conv2d(Conv2d.Spec.of(3, 4, 3).stride(2).padding(1)), Shape.of(3, 6, 7), 3, true,
                Inputs.GAUSSIAN);
    }

    @Test
    void conv2dWithoutBias() {
        check(() -> new Conv2d(Conv2d.Spec.of(2, 3, 2).bias(false)), Shape.of(2, 5, 4), 2, true, Inputs.GAUSSIAN);
    }

    @Test
    void conv2dSingleChannelDirectPath() {
        check(() -> new Conv2d(Conv2d.Spec.of(1, 3, 5).padding(2)), Shape.of(1, 7, 6), 2, true, Inputs.GAUSSIAN);
        // unpadded, with wide rows long enough for the kernels' four-vector blocks
        check(() -> new Conv2d(1, 2, 3), Shape.of(1, 9, 20), 2, true, Inputs.GAUSSIAN);
    }

    @Test
    void conv2dManyImagesPerGradientGroup() {
        // more images than gradient groups: each group sums several images
        check(() -> new Conv2d(2, 2, 3), Shape.of(2, 4, 4), ImageWiseLayer.MAX_GRADIENT_GROUPS + 3, true, Inputs.GAUSSIAN);
    }

    @Test
    void linear() {
        check(() -> new Linear(7, 5), Shape.of(7), 4, true, Inputs.GAUSSIAN);
    }

    @Test
    void lazilySizedLinear() {
        check(() -> new Linear(5), Shape.of(7), 4, true, Inputs.GAUSSIAN);
    }

    // smooth bodies: a ReLU or a pooling behind a convolution would meet its kink within the step

    @Test
    void residualBlockAroundConvolutionAndBatchNorm() {
        check(() -> new Residual().add(new Conv2d(Conv2d.Spec.of(2, 2, 3).padding(1))).add(new BatchNorm2d(2)),
                Shape.of(2, 5, 4), 3, true, Inputs.GAUSSIAN);
    }

    @Test
    void residualBlockAroundRelu() {
        check(() -> new Residual().add(new ReLU()), Shape.of(2, 3, 4), 2, true, Inputs.AWAY_FROM_ZERO);
    }

    @Test
    void viewAverageTraining() {
        for (ViewAverage.Views views : ViewAverage.Views.values()) {
            check(() -> new ViewAverage(views).add(new Conv2d(Conv2d.Spec.of(2, 3, 3).padding(1))).add(new Flatten())
                    .add(new Linear(4)), Shape.of(2, 4, 5), 2, true, Inputs.GAUSSIAN);
        }
    }

    @Test
    void viewAverageInference() {
        for (ViewAverage.Views views : ViewAverage.Views.values()) {
            check(() -> new ViewAverage(views).add(new Conv2d(Conv2d.Spec.of(2, 3, 3).padding(1))).add(new Flatten())
                    .add(new Linear(4)), Shape.of(2, 4, 5), 2, false, Inputs.GAUSSIAN);
        }
    }

    @Test
    void nestedBlocks() {
        check(() -> new Sequential().add(new Conv2d(Conv2d.Spec.of(1, 3, 3).padding(1)))
                        .add(new Residual().add(new Conv2d(Conv2d.Spec.of(3, 3, 3).padding(1))))
                        .add(new AvgPool2d(2)).add(new Flatten()).add(new Linear(4)),
                Shape.of(1, 6, 6), 2, true, Inputs.GAUSSIAN);
    }

    @Test
    void relu() {
        check(ReLU::new, Shape.of(2, 3, 5), 3, true, Inputs.AWAY_FROM_ZERO);
    }

    @Test
    void maxPool() {
        check(() -> new MaxPool2d(2), Shape.of(2, 5, 6), 2, true, Inputs.DISTINCT);
    }

    @Test
    void maxPoolOverlappingPadded() {
        check(() -> new MaxPool2d(new Pool2d.Spec(3, 2, 1)), Shape.of(2, 7, 6), 2, true, Inputs.DISTINCT);
    }

    @Test
    void avgPoolPadded() {
        check(() -> new AvgPool2d(new Pool2d.Spec(3, 2, 1)), Shape.of(2, 7, 6), 2, true, Inputs.GAUSSIAN);
    }

    @Test
    void imageLevels() {
        // through the median and the maximum too: distinct values keep their order within the step
        check(() -> new ImageLevels(-0.5, 2.5), Shape.of(2, 3, 4), 3, true, Inputs.DISTINCT);
    }

    @Test
    void recentre() {
        // the images' centres of mass lie off the centre pixel: each is moved (see RecentreTest)
        check(() -> new Recentre(0.3), Shape.of(2, 6, 7), 3, true, Inputs.DISTINCT);
    }

    @Test
    void flatten() {
        check(Flatten::new, Shape.of(2, 3, 4), 2, true, Inputs.GAUSSIAN);
    }

    @Test
    void dropoutWithAFixedMask() {
        check(() -> new Dropout(0.4), Shape.of(3, 4), 3, true, Inputs.GAUSSIAN,
                l -> l.restoreResumeState("99 5"));
    }

    @Test
    void batchNorm2dTraining() {
        check(() -> new BatchNorm2d(3), Shape.of(3, 3, 4), 3, true, Inputs.GAUSSIAN);
    }

    /** Rows of 25 values: summed by the kernels rather than in order. */
    @Test
    void batchNorm2dTrainingOnLongRows() {
        check(() -> new BatchNorm2d(2), Shape.of(2, 5, 5), 3, true, Inputs.GAUSSIAN);
    }

    @Test
    void batchNorm2dEvaluation() {
        check(() -> new BatchNorm2d(3), Shape.of(3, 3, 4), 3, false, Inputs.GAUSSIAN);
    }

    @Test
    void batchNorm1dTraining() {
        check(() -> new BatchNorm1d(5), Shape.of(5), 4, true, Inputs.GAUSSIAN);
    }

    @Test
    void batchNorm1dWithLength() {
        check(() -> new BatchNorm1d(3), Shape.of(3, 4), 2, true, Inputs.GAUSSIAN);
    }

    @Test
    void softmaxCrossEntropy() {
        Rng rng = new Rng(3);
        int n = 5, classes = 7;
        float[] logits = inputs(Inputs.GAUSSIAN, n * classes, rng);
        for (int i = 0; i < logits.length; i++) {
            logits[i] *= 3;
        }
        int[] targets = {0, 6, 3, 3, 1};
        float[] grad = new float[n * classes];
        LossKernels.softmaxCrossEntropy(logits, n, classes, targets, grad, null);
        compare("softmax cross-entropy", logits, grad,
                () -> LossKernels.softmaxCrossEntropy(logits, n, classes, targets, null, null));
    }

    @Test
    void theCheckCatchesAWrongGradient() {
        // a self-test of the harness: a gradient off by 3% of its size must be reported
        float[] x = {0.5f, -1.25f, 2f};
        float[] wrong = {2 * 0.5f * 1.03f, 2 * -1.25f, 2 * 2f};
        AssertionError e = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
                () -> compare("x²", x, wrong, () -> (double) x[0] * x[0] + (double) x[1] * x[1] + (double) x[2] * x[2]));
        assertTrue(e.getMessage().contains("element 0"), e.getMessage());
    }
}

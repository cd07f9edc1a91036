package dev.inkwell.nn;

import dev.inkwell.models.ReferenceNets;
import dev.inkwell.optim.Adam;
import dev.inkwell.optim.Sgd;
import dev.inkwell.tensor.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Misuse fails fast with a message that says what is wrong and how to fix it. */
class MisuseTest {

    private static void fails(Class<? extends Throwable> type, Executable call, String... mustMention) {
        Throwable e = assertThrows(type, call);
        for (String s : mustMention) {
            assertTrue(e.getMessage().contains(s), "message '" + e.getMessage() + "' lacks '" + s + "'");
        }
    }

    private static Sequential built() {
        return ReferenceNets.netS().build(ReferenceNets.INPUT_SHAPE, 4, 1);
    }

    @Test
    void backwardBeforeForward() {
        Sequential net = built();
        fails(IllegalStateException.class, () -> net.backward(new float[40], 4), "call forward() before backward()");
    }

    @Test
    void forwardBeforeBuild() {
        fails(IllegalStateException.class, () -> ReferenceNets.netS().forward(new float[784], 1, false), "build(");
    }

    @Test
    void mismatchedShapesNameTheLayerAndBothShapes() {
        Sequential net = new Sequential().add(new Conv2d(1, 8, 3)).add(new Flatten()).add(new Linear(100, 10));
        fails(IllegalArgumentException.class, () -> net.build(Shape.of(1, 28, 28), 1, 1),
                "'fc1'", "'flatten1'", "[5408]", "[100]");
        fails(IllegalArgumentException.class, () -> new Sequential().add(new Conv2d(3, 8, 3)).build(Shape.of(1, 28, 28), 1, 1),
                "'conv1'", "the network input [1, 28, 28]", "[3, H, W]");
        fails(IllegalArgumentException.class, () -> new Sequential().add(new Linear(784, 10)).build(Shape.of(1, 28, 28), 1, 1),
                "add a Flatten layer");
        fails(IllegalArgumentException.class, () -> new Sequential().add(new Conv2d(1, 2, 5)).build(Shape.of(1, 3, 3), 1, 1),
                "does not fit");
    }

    @Test
    void batchLargerThanBuiltOrInputTooShort() {
        Sequential net = built();
        fails(IllegalArgumentException.class, () -> net.forward(new float[5 * 784], 5, false), "batch 5", "[1, 4]");
        fails(IllegalArgumentException.class, () -> net.forward(new float[100], 1, false), "100 floats", "784");
        net.forward(new float[4 * 784], 4, true);
        fails(IllegalArgumentException.class, () -> net.backward(new float[40], 3), "batch 3", "batch 4");
    }

    @Test
    void tensorInputOfTheWrongShape() {
        Sequential net = built();
        fails(IllegalArgumentException.class,
                () -> net.forward(dev.inkwell.tensor.Tensor.zeros(Shape.of(2, 28, 28)), false), "[2, 28, 28]");
    }

    @Test
    void lifecycleOrder() {
        Sequential net = built();
        fails(IllegalStateException.class, () -> net.add(new ReLU()), "already built");
        fails(IllegalStateException.class, () -> net.build(ReferenceNets.INPUT_SHAPE, 4, 1), "already built");
        fails(IllegalStateException.class, () -> new Sequential().build(ReferenceNets.INPUT_SHAPE, 4, 1), "no layers");
        ReLU relu = new ReLU();
        fails(IllegalArgumentException.class, () -> new Sequential().add(relu).add(relu), "already in the network");
        fails(IllegalArgumentException.class, () -> new Sequential().add("a", new ReLU()).add("a", new ReLU()),
                "already named 'a'");
        fails(IllegalArgumentException.class, () -> built().parameters().get("conv9.weight"), "conv1.weight");
    }

    @Test
    void badLayerSettings() {
        fails(IllegalArgumentException.class, () -> Conv2d.Spec.of(1, 8, 3).stride(0), "stride");
        fails(IllegalArgumentException.class, () -> Conv2d.Spec.of(0, 8, 3), "channels");
        fails(IllegalArgumentException.class, () -> Conv2d.Spec.of(1, 8, 3).padding(-1), "padding");
        fails(IllegalArgumentException.class, () -> new Dropout(1.0), "[0, 1)");
        fails(IllegalArgumentException.class, () -> new Pool2d.Spec(2, 2, 2), "padding");
        fails(IllegalArgumentException.class, () -> new BatchNorm.Spec(4, 0, 0.1), "eps");
        fails(IllegalArgumentException.class, () -> new Linear(0, 3), "features");
    }

    @Test
    void badOptimizerSettings() {
        fails(IllegalArgumentException.class, () -> Sgd.Config.of(-0.1), "learning rate");
        fails(IllegalArgumentException.class, () -> Sgd.Config.of(0.1).nesterov(true), "Nesterov");
        fails(IllegalArgumentException.class, () -> Sgd.Config.of(0.1).momentum(Double.NaN), "momentum");
        fails(IllegalArgumentException.class, () -> Adam.Config.of(0.1).betas(0.9, 1.0), "betas");
        fails(IllegalArgumentException.class, () -> Adam.Config.of(0.1).eps(0), "eps");
        Sgd sgd = new Sgd(built().parameters(), Sgd.Config.of(0.1));
        fails(IllegalArgumentException.class, () -> sgd.setLearningRate(Double.POSITIVE_INFINITY), "learning rate");
    }

    @Test
    void batchNormTrainingNeedsMoreThanOneValuePerChannel() {
        Sequential net = new Sequential().add(new BatchNorm1d(3)).build(Shape.of(3), 2, 1);
        fails(IllegalArgumentException.class, () -> net.forward(new float[3], 1, true), "more than one value");
        net.forward(new float[3], 1, false); // evaluation with one sample is fine
    }
}

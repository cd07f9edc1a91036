package dev.inkwell.nn;

import dev.inkwell.models.ReferenceNets;
import dev.inkwell.tensor.Shape;
import org.example.inkwell.PerChannelScale;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The fusion plan is chosen from declared capabilities and is printed with the summary. */
class FusionPlanTest {
    private static List<String> planLines(Sequential net) {
        return net.summary().lines().filter(l -> l.startsWith("Fused")).toList();
    }

    @Test
    void netSFoldsBothReluHandsOverTheSecondConvolutionChainsEverythingButTheLinearAndInfersInOnePass() {
        Sequential net = ReferenceNets.netS().build(ReferenceNets.INPUT_SHAPE, 4, 1);
        assertEquals(List.of(
                "Fused: relu1 folded into pool1",
                "Fused: relu2 folded into pool2",
                "Fused: conv2 hands over to pool2 channels-last",
                "Fused: chained: conv1 pool1 conv2 pool2 flatten1 dropout1",
                "Fused: inference: conv1 relu1 pool1 conv2 relu2 pool2 in one pass per image"), planLines(net));
    }

    @Test
    void aLayerThatDeclaresNothingIsNeverFusedAndNestedPlansAreListed() {
        Sequential net = new Sequential()
                .add(new Conv2d(2, 4, 3)).add(new PerChannelScale(4)).add(new ReLU()).add(new MaxPool2d(2))
                .add(new Residual().add(new Conv2d(Conv2d.Spec.of(4, 4, 3).padding(1))).add(new ReLU()))
                .add(new Flatten()).add(new Linear(3))
                .build(Shape.of(2, 10, 10), 2, 1);
        // the custom layer between conv1 and pool1 stops the hand-over and the chain; the ReLU still folds
        assertEquals(List.of(
                "Fused: relu1 folded into pool1",
                "Fused in res1: chained: conv1 relu1"), planLines(net));
    }
}

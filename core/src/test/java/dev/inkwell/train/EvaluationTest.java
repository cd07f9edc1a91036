package dev.inkwell.train;

import dev.inkwell.models.ReferenceNets;
import dev.inkwell.nn.ComputeContext;
import dev.inkwell.nn.Sequential;
import dev.inkwell.init.Rng;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvaluationTest {

    @Test
    void precisionRecallAndF1FromAConfusionMatrix() {
        // true 0: 8 right, 2 called 1; true 1: 1 called 0, 4 right
        Evaluation e = new Evaluation(new int[][] {{8, 2}, {1, 4}}, new int[15], 3.0);
        assertEquals(12, e.correct());
        assertEquals(0.8, e.accuracy(), 1e-12);
        assertEquals(8 / 9.0, e.precision(0), 1e-12);
        assertEquals(0.8, e.recall(0), 1e-12);
        assertEquals(4 / 6.0, e.precision(1), 1e-12);
        assertEquals(2 * (8 / 9.0) * 0.8 / (8 / 9.0 + 0.8), e.f1(0), 1e-12);
        assertEquals(0.2, e.averageLoss(), 1e-12);
    }

    @Test
    void evaluationMatchesPerSamplePredictionsWhateverTheChunking() {
        Rng rng = new Rng(4);
        int n = 37;
        float[] x = new float[n * 784];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        int[] y = new int[n];
        LabeledImages data = new LabeledImages(x, y, ReferenceNets.INPUT_SHAPE);
        Sequential big = ReferenceNets.leNet5().build(ReferenceNets.INPUT_SHAPE, 64, ComputeContext.defaults(), 2);
        Sequential small = ReferenceNets.leNet5().build(ReferenceNets.INPUT_SHAPE, 5, ComputeContext.defaults(), 2);
        Evaluation a = Trainer.evaluate(big, data), b = Trainer.evaluate(small, data);
        assertArrayEquals(a.predictions(), b.predictions());
        assertEquals(a.averageLoss(), b.averageLoss(), 1e-9);
        int total = 0;
        for (int[] row : a.confusion()) {
            for (int v : row) {
                total += v;
            }
        }
        assertEquals(n, total);
    }

    @Test
    void epochOrderIsAPermutationFixedBySeedAndEpoch() {
        Sequential net = ReferenceNets.netS().build(ReferenceNets.INPUT_SHAPE, 8, ComputeContext.defaults(), 1);
        Trainer t = new Trainer(net, new dev.inkwell.optim.Sgd(net.parameters(), dev.inkwell.optim.Sgd.Config.of(0.1)),
                dev.inkwell.optim.LrSchedule.constant(0.1), 8, 3, null, ComputeContext.defaults());
        int[] e0 = t.epochOrder(0, 100);
        assertArrayEquals(e0, t.epochOrder(0, 100));
        assertNotEquals(java.util.Arrays.toString(e0), java.util.Arrays.toString(t.epochOrder(1, 100)));
        int[] sorted = e0.clone();
        java.util.Arrays.sort(sorted);
        for (int i = 0; i < 100; i++) {
            assertEquals(i, sorted[i]);
        }
        assertTrue(t.batchesPerEpoch(17) == 3);
    }
}

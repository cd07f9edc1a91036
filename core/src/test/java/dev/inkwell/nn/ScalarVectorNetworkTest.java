package dev.inkwell.nn;

import dev.inkwell.kernels.Kernels;
import dev.inkwell.kernels.KernelsProvider;
import dev.inkwell.models.ReferenceNets;
import dev.inkwell.parallel.WorkerPool;
import dev.inkwell.testing.VectorPass;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.fail;

/** Whole reference networks, forward and backward, on scalar and vector kernels at batch 1 and 7. */
@Tag(VectorPass.TAG)
class ScalarVectorNetworkTest {

    private static float[][] forwardBackward(String arch, Kernels kernels, int batch) {
        try (WorkerPool pool = new WorkerPool(2)) {
            Sequential net = ReferenceNets.byName(arch).inputGradient(true)
                    .build(ReferenceNets.INPUT_SHAPE, 8, new ComputeContext(pool, kernels), 5);
            TrainingHarness data = new TrainingHarness(8, 28 * 28, 10, 8, 6);
            float[] logits = net.forward(data.images, batch, false).clone();
            data.loss.forward(logits, data.labels, batch);
            float[] gx = net.backward(data.loss.gradient(), batch).clone();
            return new float[][] {logits, gx, net.parameters().grads().clone()};
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"nets", "netl", "lenet5"})
    void sameResultsWithinFloatTolerance(String arch) {
        Kernels vector = VectorPass.kernels();
        for (int batch : new int[] {1, 7}) {
            float[][] s = forwardBackward(arch, KernelsProvider.scalar(), batch);
            float[][] v = forwardBackward(arch, vector, batch);
            String[] what = {"logits", "input gradient", "parameter gradients"};
            for (int t = 0; t < 3; t++) {
                double scale = 0;
                for (float x : s[t]) {
                    scale = Math.max(scale, Math.abs(x));
                }
                for (int i = 0; i < s[t].length; i++) {
                    if (!(Math.abs(s[t][i] - v[t][i]) <= 1e-4 * scale + 1e-7)) {
                        fail(arch + " batch " + batch + " " + what[t] + "[" + i + "]: scalar " + s[t][i]
                                + " vector " + v[t][i]);
                    }
                }
            }
        }
    }
}

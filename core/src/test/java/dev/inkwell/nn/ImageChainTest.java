package dev.inkwell.nn;

import dev.inkwell.init.Rng;
import dev.inkwell.models.ReferenceNets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * A network runs its runs of image-wise layers as {@link ImageChain}s, a few images (forward) or one
 * gradient group (backward) at a time through all of them; calling the same layers one by one over the
 * whole batch gives the same bits, forward and back.
 */
class ImageChainTest {
    /**
     * 7: not a multiple of the images a chain takes at a time forward, so that the last step is a short
     * one, and a gradient group per image backward; 37: gradient groups of two and three images.
     */
    @ParameterizedTest
    @CsvSource({"nets, 7", "netl, 7", "lenet5, 7", "nets, 37", "lenet5, 37"})
    void chainedNetworkComputesWhatItsLayersDoOneByOne(String arch, int batch) {
        for (int threads : new int[] {1, 2}) {
            Sequential net = ReferenceNets.byName(arch).inputGradient(true).build(ReferenceNets.INPUT_SHAPE, batch,
                    ComputeContext.withThreads(threads), 3);
            Sequential byLayer = ReferenceNets.byName(arch).inputGradient(true).build(ReferenceNets.INPUT_SHAPE,
                    batch, ComputeContext.withThreads(threads), 3);
            float[] x = random(batch * ReferenceNets.INPUT_SHAPE.size(), 4);
            float[] gy = random(batch * 10, 5);
            for (boolean training : new boolean[] {true, false}) {
                String what = arch + ", batch " + batch + ", " + threads + " threads"
                        + (training ? ", training" : ", inference");
                float[] out = net.forward(x, batch, training).clone();
                float[] y = x;
                for (Layer layer : byLayer.layers()) {
                    y = layer.forward(y, batch, training);
                }
                assertArrayEquals(bits(out), bits(y), what + ": output");
                float[] gx = net.backward(gy, batch).clone();
                float[] g = gy;
                for (int i = byLayer.layers().size() - 1; i >= 0; i--) {
                    g = byLayer.layers().get(i).backward(g, batch);
                }
                assertArrayEquals(bits(gx), bits(g), what + ": input gradient");
                assertArrayEquals(bits(net.parameters().grads()), bits(byLayer.parameters().grads()),
                        what + ": parameter gradients");
            }
        }
    }

    private static float[] random(int n, long seed) {
        Rng rng = new Rng(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) rng.nextDouble() - 0.5f;
        }
        return v;
    }

    private static int[] bits(float[] v) {
        int[] b = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = Float.floatToIntBits(v[i]);
        }
        return b;
    }
}

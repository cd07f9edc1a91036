package dev.inkwell.nn;

import dev.inkwell.init.Rng;
import dev.inkwell.tensor.Shape;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The unfolded convolution keeps its weights repacked between calls and repacks only when they
 * changed: a weight written straight into the parameter's storage between two forward passes must
 * show in the second one, as in a network built fresh with that weight.
 */
class ConvWeightChangeTest {
    @Test
    void aWeightWrittenBetweenCallsIsUsed() {
        Sequential net = network();
        Rng rng = new Rng(5);
        float[] x = new float[2 * 3 * 7 * 7];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextFloat() - 0.5f;
        }
        float[] before = net.forward(x, 2, false).clone();
        Parameter w = net.parameters().trainable().get(0);
        w.data()[w.offset() + 7] += 0.25f;
        float[] after = net.forward(x, 2, false).clone();

        Sequential fresh = network();
        Parameter fw = fresh.parameters().trainable().get(0);
        fw.data()[fw.offset() + 7] += 0.25f;
        assertFalse(java.util.Arrays.equals(before, after), "the changed weight was ignored");
        assertArrayEquals(fresh.forward(x, 2, false), after, 0f);
    }

    private static Sequential network() {
        return new Sequential().add(new Conv2d(3, 4, 3)).build(Shape.of(3, 7, 7), 2, ComputeContext.withThreads(1), 9);
    }
}

package dev.inkwell.nn;

import dev.inkwell.init.Rng;
import dev.inkwell.tensor.Shape;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * An inference forward pass of max pooling skips the argmax; its output, and the gradient of a
 * backward pass after it, are those of a training pass.
 */
class MaxPoolModesTest {
    @Test
    void inferenceForwardGivesTheSameOutputAndGradient() {
        for (int kernel : new int[] {2, 3}) {
            Sequential net = new Sequential().add(new MaxPool2d(kernel)).inputGradient(true);
            net.build(Shape.of(3, 8, 8), 4, ComputeContext.withThreads(2), 1);
            Rng rng = new Rng(3);
            float[] x = new float[4 * 3 * 8 * 8], other = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = rng.nextInt(5); // ties
                other[i] = rng.nextInt(5);
            }
            float[] gy = new float[4 * net.outputShape().size()];
            for (int i = 0; i < gy.length; i++) {
                gy[i] = rng.nextInt(7) - 3;
            }
            net.forward(other, 4, true); // leaves an argmax that must not be used for x
            float[] inferOut = net.forward(x, 4, false).clone();
            float[] inferGrad = net.backward(gy, 4).clone();
            float[] trainOut = net.forward(x, 4, true).clone();
            float[] trainGrad = net.backward(gy, 4).clone();
            assertArrayEquals(trainOut, inferOut, 0f, "kernel " + kernel);
            assertArrayEquals(trainGrad, inferGrad, 0f, "kernel " + kernel);
        }
    }
}

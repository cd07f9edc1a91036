package dev.inkwell.nn;

import dev.inkwell.parallel.RangeTask;
import dev.inkwell.parallel.WorkerPool;

/**
 * Consecutive {@link ImageWiseLayer}s, layers [first, end) of a {@link Sequential}, run as one
 * parallel pass each way: forward, each thread takes a few images at a time through all of them;
 * backward, one gradient group at a time back through all of them. Each layer then reads what the one
 * before wrote while it is still in that core's cache, and the threads meet once for the chain instead
 * of once per layer. Every image goes through the same operations as layer by layer, and every group's
 * parameter gradients are summed in the same order, so the results are the same bits.
 */
final class ImageChain {
    /**
     * Images taken through the chain at a time. NetS holds about 350 KB of activations and unfolded
     * rows per image on the way, so four stay within a 1 MB L2.
     */
    private static final int IMAGES_AT_A_TIME = 4;

    final int first;
    final int end;
    private final ImageWiseLayer[] layers;
    private final WorkerPool pool;
    private final RangeTask forwardTask = this::forwardImages;
    private final RangeTask backwardTask = this::backwardGroups;
    private int batch;

    /** The chain of layers [first, end), of which {@code layers} are the ones that run (folded ReLUs left out). */
    ImageChain(int first, int end, ImageWiseLayer[] layers, WorkerPool pool) {
        this.first = first;
        this.end = end;
        this.layers = layers.clone();
        this.pool = pool;
    }

    /** Every layer's forward pass over {@code batch} images of input; returns the last one's output. */
    float[] forward(float[] input, int batch, boolean training) {
        float[] x = input;
        for (ImageWiseLayer layer : layers) {
            x = layer.startChained(x, batch, training);
        }
        pool.forRange(batch, forwardTask);
        return x;
    }

    /** Every layer's backward pass, last to first; returns the first one's input gradient. */
    float[] backward(float[] gradOutput, int batch) {
        float[] g = gradOutput;
        for (int i = layers.length - 1; i >= 0; i--) {
            g = layers[i].startChainedBackward(g, batch);
        }
        this.batch = batch;
        pool.forRange(ImageWiseLayer.gradientGroups(batch), backwardTask);
        for (ImageWiseLayer layer : layers) {
            layer.finishBackward();
        }
        return g;
    }

    private void forwardImages(int from, int to, int worker) {
        for (int n0 = from; n0 < to; n0 += IMAGES_AT_A_TIME) {
            int n1 = Math.min(to, n0 + IMAGES_AT_A_TIME);
            for (ImageWiseLayer layer : layers) {
                layer.forwardImages(n0, n1, worker);
            }
        }
    }

    private void backwardGroups(int from, int to, int worker) {
        for (int g = from; g < to; g++) {
            int n0 = ImageWiseLayer.groupStart(batch, g), n1 = ImageWiseLayer.groupStart(batch, g + 1);
            for (int i = layers.length - 1; i >= 0; i--) {
                layers[i].backwardGroup(g, n0, n1, worker);
            }
        }
    }
}

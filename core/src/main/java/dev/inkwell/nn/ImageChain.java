package dev.inkwell.nn;

import dev.inkwell.parallel.RangeTask;
import dev.inkwell.parallel.WorkerPool;

/**
 * Consecutive {@link ImageWiseLayer}s run forward as one parallel pass: each thread takes a few
 * images at a time through all of them, so that each layer reads what the one before wrote while it is
 * still in that core's cache, and the threads meet once for the chain instead of once per layer.
 * Every image goes through the same operations as layer by layer, so the results are the same bits.
 */
final class ImageChain implements RangeTask {
    /**
     * Images taken through the chain at a time. NetS holds about 350 KB of activations and unfolded
     * rows per image on the way, so four stay within a 1 MB L2.
     */
    private static final int IMAGES_AT_A_TIME = 4;

    private final ImageWiseLayer[] layers;
    private final WorkerPool pool;

    ImageChain(ImageWiseLayer[] layers, WorkerPool pool) {
        this.layers = layers.clone();
        this.pool = pool;
    }

    /** Every layer's forward pass over {@code batch} images of input; returns the last one's output. */
    float[] forward(float[] input, int batch, boolean training) {
        float[] x = input;
        for (ImageWiseLayer layer : layers) {
            x = layer.startChained(x, batch, training);
        }
        pool.forRange(batch, this);
        return x;
    }

    @Override
    public void run(int from, int to, int worker) {
        for (int first = from; first < to; first += IMAGES_AT_A_TIME) {
            int end = Math.min(to, first + IMAGES_AT_A_TIME);
            for (ImageWiseLayer layer : layers) {
                layer.forwardImages(first, end, worker);
            }
        }
    }
}

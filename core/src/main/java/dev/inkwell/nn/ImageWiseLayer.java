package dev.inkwell.nn;

import dev.inkwell.parallel.RangeTask;

/**
 * A layer whose forward pass computes each output image from the same input image alone, in two steps:
 * {@link #startForward} sets a pass up, {@link #forwardImages} computes any range of its images, in any
 * order and on any thread. Such layers next to each other in a {@link Sequential} run forward as one
 * {@link ImageChain}; on its own, the layer computes every image in parallel.
 */
public abstract class ImageWiseLayer extends Layer {
    private final RangeTask imagesTask = this::forwardImages;

    @Override
    protected final float[] computeForward(float[] input, int batch, boolean training) {
        float[] out = startForward(input, batch, training);
        pool.forRange(batch, imagesTask);
        return out;
    }

    /** {@link #forward}'s checks, then {@link #startForward}: the first step of a chained pass. */
    final float[] startChained(float[] input, int batch, boolean training) {
        accept(input, batch);
        return startForward(input, batch, training);
    }

    /** Sets up a forward pass over {@code batch} images of input; returns the buffer the output goes to. */
    protected abstract float[] startForward(float[] input, int batch, boolean training);

    /** Computes images [from, to) of the pass set up last, on thread {@code worker}. */
    protected abstract void forwardImages(int from, int to, int worker);
}

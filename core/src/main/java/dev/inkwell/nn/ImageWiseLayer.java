package dev.inkwell.nn;

import dev.inkwell.parallel.RangeTask;

/**
 * A layer whose forward pass computes each output image from the same input image alone, and whose
 * backward pass computes each image's input gradient from that image's output gradient alone. Each
 * pass has steps: {@link #startForward} sets a forward pass up and {@link #forwardImages} computes any
 * range of its images, in any order and on any thread; {@link #startBackward} sets a backward pass up,
 * {@link #backwardGroup} computes one {@linkplain #gradientGroups gradient group} of images, and
 * {@link #finishBackward} sums what the groups left for the parameters. Such layers next to each
 * other in a {@link Sequential} run as one {@link ImageChain}; on its own, the layer computes every
 * image (every group) in parallel.
 */
public abstract class ImageWiseLayer extends Layer {
    /**
     * A batch's backward pass is split into at most this many groups of consecutive images, fixed by
     * the batch size alone: a layer with parameters sums their gradient group by group, in group order,
     * so the result does not depend on the thread count. Sixteen keep the groups' partial gradients small
     * and still give sixteen cores a group each.
     */
    static final int MAX_GRADIENT_GROUPS = 16;

    private final RangeTask imagesTask = this::forwardImages;
    private final RangeTask groupsTask = this::backwardGroups;
    private int backwardBatch;

    @Override
    protected final float[] computeForward(float[] input, int batch, boolean training) {
        float[] out = startForward(input, batch, training);
        pool.forRange(batch, imagesTask);
        return out;
    }

    @Override
    protected final float[] computeBackward(float[] input, float[] gradOutput, int batch) {
        float[] gradInput = startBackward(input, gradOutput, batch);
        backwardBatch = batch;
        pool.forRange(gradientGroups(batch), groupsTask);
        finishBackward();
        return gradInput;
    }

    private void backwardGroups(int from, int to, int worker) {
        for (int g = from; g < to; g++) {
            backwardGroup(g, groupStart(backwardBatch, g), groupStart(backwardBatch, g + 1), worker);
        }
    }

    /** How many gradient groups a batch splits into. */
    static int gradientGroups(int batch) {
        return Math.min(batch, MAX_GRADIENT_GROUPS);
    }

    /** The first image of gradient group g of a batch (g = {@link #gradientGroups} gives the batch's end). */
    static int groupStart(int batch, int g) {
        return (int) ((long) batch * g / gradientGroups(batch));
    }

    /** {@link #forward}'s checks, then {@link #startForward}: the first step of a chained pass. */
    final float[] startChained(float[] input, int batch, boolean training) {
        accept(input, batch);
        return startForward(input, batch, training);
    }

    /** {@link #backward}'s checks, then {@link #startBackward}: the first step of a chained backward pass. */
    final float[] startChainedBackward(float[] gradOutput, int batch) {
        return startBackward(acceptBackward(gradOutput, batch), gradOutput, batch);
    }

    /**
     * Sets up a forward pass over {@code batch} images of input; returns the buffer the output goes to.
     *
     * @param input the input, {@code batch} images
     * @param batch the number of images
     * @param training whether this is a training pass
     * @return the output buffer
     */
    protected abstract float[] startForward(float[] input, int batch, boolean training);

    /**
     * Computes images [from, to) of the pass set up last, on thread {@code worker}.
     *
     * @param from the first image
     * @param to one past the last image
     * @param worker the worker thread's index, for its scratch space
     */
    protected abstract void forwardImages(int from, int to, int worker);

    /**
     * Sets up a backward pass given the last forward pass's input and the output gradient; returns the
     * buffer the input gradient goes to (null when it is not needed).
     *
     * @param input the input of the last forward pass
     * @param gradOutput dLoss/dOutput
     * @param batch the number of images
     * @return the input-gradient buffer, or null
     */
    protected abstract float[] startBackward(float[] input, float[] gradOutput, int batch);

    /**
     * Computes gradient group {@code group}, images [from, to), of the backward pass set up last, on
     * thread {@code worker}: their input gradients, and what they add to the parameter gradients.
     *
     * @param group the gradient group, which owns its share of the parameter gradients
     * @param from the first image
     * @param to one past the last image
     * @param worker the worker thread's index, for its scratch space
     */
    protected abstract void backwardGroup(int group, int from, int to, int worker);

    /** After every group: adds the groups' parameter gradients up, and lets go of the pass's arrays. */
    protected void finishBackward() {
    }
}

package dev.inkwell.nn;

import dev.inkwell.kernels.LossKernels;

/**
 * Cross-entropy of softmax(logits) against class indices, averaged over the batch, as
 * {@code torch.nn.CrossEntropyLoss()}. Computed fused and stably (see
 * {@link LossKernels#softmaxCrossEntropy}); {@link #gradient()} holds dLoss/dLogits after each call.
 */
public final class SoftmaxCrossEntropy {
    private final int classes;
    private final int maxBatch;
    private final float[] grad;

    /**
     * A loss over {@code classes} logits, for batches of up to {@code maxBatch}.
     *
     * @param classes the number of classes
     * @param maxBatch the largest batch
     */
    public SoftmaxCrossEntropy(int classes, int maxBatch) {
        if (classes < 2 || maxBatch < 1) {
            throw new IllegalArgumentException("need at least 2 classes and a batch of 1, got classes=" + classes
                    + " maxBatch=" + maxBatch);
        }
        this.classes = classes;
        this.maxBatch = maxBatch;
        this.grad = new float[classes * maxBatch];
    }

    /**
     * Mean loss of the first {@code batch} rows of logits (batch, classes); fills {@link #gradient()}.
     *
     * @param logits the logits
     * @param targets the class of each row
     * @param batch the number of rows
     * @return the mean loss
     */
    public double forward(float[] logits, int[] targets, int batch) {
        if (batch < 1 || batch > maxBatch) {
            throw new IllegalArgumentException("batch " + batch + " is not in [1, " + maxBatch + "]");
        }
        return LossKernels.softmaxCrossEntropy(logits, batch, classes, targets, grad, null);
    }

    /**
     * dLoss/dLogits of the last {@link #forward} call, (batch, classes).
     *
     * @return the gradient buffer
     */
    public float[] gradient() {
        return grad;
    }
}

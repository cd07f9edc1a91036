package dev.inkwell.train;

import dev.inkwell.tensor.Shape;

/**
 * Network inputs (already normalised, NCHW) with their class labels: the training and evaluation data
 * of a {@link Trainer}. The arrays are used as given, not copied.
 */
public record LabeledImages(float[] inputs, int[] labels, Shape sampleShape) {

    public LabeledImages {
        if ((long) labels.length * sampleShape.size() != inputs.length) {
            throw new IllegalArgumentException(labels.length + " labels for " + inputs.length + " floats of samples "
                    + sampleShape);
        }
    }

    public int size() {
        return labels.length;
    }

    /**
     * Samples {@code [from, from + count)}, copied.
     *
     * @throws IndexOutOfBoundsException unless {@code 0 <= from}, {@code 0 <= count} and
     *                                   {@code from + count <= size()}
     */
    public LabeledImages range(int from, int count) {
        java.util.Objects.checkFromIndexSize(from, count, size());
        int n = sampleShape.size();
        float[] x = java.util.Arrays.copyOfRange(inputs, from * n, (from + count) * n);
        int[] y = java.util.Arrays.copyOfRange(labels, from, from + count);
        return new LabeledImages(x, y, sampleShape);
    }

    /**
     * The samples at the given indices, copied in that order.
     *
     * @throws IndexOutOfBoundsException for an index outside {@code [0, size())}
     */
    public LabeledImages select(int[] indices) {
        for (int i : indices) {
            java.util.Objects.checkIndex(i, size());
        }
        int n = sampleShape.size();
        float[] x = new float[indices.length * n];
        int[] y = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(inputs, indices[i] * n, x, i * n, n);
            y[i] = labels[indices[i]];
        }
        return new LabeledImages(x, y, sampleShape);
    }
}

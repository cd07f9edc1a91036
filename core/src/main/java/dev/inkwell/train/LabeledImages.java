package dev.inkwell.train;

import dev.inkwell.tensor.Shape;

/**
 * Network inputs (already normalised, NCHW) with their class labels: the training and evaluation data
 * of a {@link Trainer}. The arrays are used as given, not copied.
 */
public record LabeledImages(float[] inputs, int[] labels, Shape sampleShape) implements Samples {

    /**
     * Checks that there is one label per sample.
     *
     * @param inputs the network inputs, sample after sample
     * @param labels the class of each sample
     * @param sampleShape one sample's shape
     */
    public LabeledImages {
        if ((long) labels.length * sampleShape.size() != inputs.length) {
            throw new IllegalArgumentException(labels.length + " labels for " + inputs.length + " floats of samples "
                    + sampleShape);
        }
    }

    /** The number of samples. */
    @Override
    public int size() {
        return labels.length;
    }

    @Override
    public int label(int i) {
        return labels[i];
    }

    @Override
    public void copyInput(int i, float[] dst, int dstOff) {
        int n = sampleShape.size();
        System.arraycopy(inputs, i * n, dst, dstOff, n);
    }

    /**
     * Samples {@code [from, from + count)}, copied.
     *
     * @param from the first sample
     * @param count the number of samples
     * @return the samples
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
     * Every sample of {@code samples} read once into memory.
     *
     * @param samples the samples
     * @return the copy
     */
    public static LabeledImages copyOf(Samples samples) {
        int n = samples.sampleShape().size();
        float[] x = new float[Math.multiplyExact(samples.size(), n)];
        int[] y = new int[samples.size()];
        for (int i = 0; i < y.length; i++) {
            samples.copyInput(i, x, i * n);
            y[i] = samples.label(i);
        }
        return new LabeledImages(x, y, samples.sampleShape());
    }

    /**
     * A copy with the samples in a random order drawn from {@code seed}: the same order for the same seed.
     *
     * @param seed the seed of the order
     * @return the shuffled copy
     */
    public LabeledImages shuffled(long seed) {
        int[] order = new int[size()];
        java.util.Arrays.setAll(order, i -> i);
        new dev.inkwell.init.Rng(seed).shuffle(order);
        return select(order);
    }

    /** Two parts of a set: for example validation and training samples. */
    public record Parts(LabeledImages first, LabeledImages rest) {
    }

    /**
     * The first {@code count} samples and the rest, copied (shuffle first for a random split).
     *
     * @param count the size of the first part
     * @return the two parts
     * @throws IndexOutOfBoundsException unless {@code 0 <= count <= size()}
     */
    public Parts split(int count) {
        java.util.Objects.checkFromToIndex(0, count, size());
        return new Parts(range(0, count), range(count, size() - count));
    }

    /**
     * The samples at the given indices, copied in that order.
     *
     * @param indices the samples to take
     * @return the samples
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

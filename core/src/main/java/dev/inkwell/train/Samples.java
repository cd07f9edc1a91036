package dev.inkwell.train;

import dev.inkwell.tensor.Shape;

/**
 * Labelled samples as a {@link Trainer} reads them: one at a time, by index. {@link LabeledImages} holds
 * them in one array; an implementation of your own can produce them on demand instead (normalise them from
 * bytes, decode them from disk), for data that does not fit in one array. Reads of different samples may
 * come from several threads at once, and must not allocate if training is to stay allocation-free.
 */
public interface Samples {
    /**
     * The number of samples.
     *
     * @return the count
     */
    int size();

    /**
     * One sample's shape, for example [1, 28, 28].
     *
     * @return the shape
     */
    Shape sampleShape();

    /**
     * Sample {@code i}'s class.
     *
     * @param i the sample
     * @return its class
     */
    int label(int i);

    /**
     * Writes sample {@code i}'s network input ({@code sampleShape().size()} floats) to {@code dst[dstOff]}.
     *
     * @param i the sample
     * @param dst receives its input
     * @param dstOff where it starts in {@code dst}
     */
    void copyInput(int i, float[] dst, int dstOff);
}

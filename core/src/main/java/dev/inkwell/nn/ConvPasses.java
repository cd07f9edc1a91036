package dev.inkwell.nn;

/**
 * How a {@link Conv2d} computes a run of images: the forward pass, and the backward pass's weight
 * gradient (into a partial sum in the implementation's own layout) and input gradient. Image n sits
 * at n·Cin·H·W in the input and n·Cout·OH·OW in the output. Implementations own per-worker scratch;
 * {@code worker} says whose.
 */
interface ConvPasses {

    /** Once per forward pass, on the calling thread, before any image (for example, repack the weights). */
    void beforeForward();

    /**
     * y[n] (Cout, OH, OW) = conv(x[n]) + bias for the images n in [first, first + count); (OH·OW, Cout)
     * when the output is handed over channels-last ({@link Conv2d#writeChannelsLast}), and gy likewise.
     */
    void forward(float[] x, float[] y, int first, int count, int worker);

    /** Once per backward pass, on the calling thread, before any image. */
    void beforeBackward();

    /**
     * Adds the weight gradient of images [first, first + count) to {@code partial}, summed image by
     * image in order, and, when {@code gx} is not null, writes their input gradients.
     */
    void backward(float[] x, float[] gy, int first, int count, float[] partial, float[] gx, int worker);

    /** Where PyTorch-layout weight element i = ((co·Cin + ci)·KH + ki)·KW + kj sits in a partial sum. */
    int partialIndex(int i);
}

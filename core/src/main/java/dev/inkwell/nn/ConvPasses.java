package dev.inkwell.nn;

/**
 * How a {@link Conv2d} computes one image: the forward pass, and the backward pass's weight gradient
 * (into a partial sum in the implementation's own layout) and input gradient. Implementations own
 * per-worker scratch; {@code worker} says whose.
 */
interface ConvPasses {

    /** Once per forward pass, on the calling thread, before any image (for example, repack the weights). */
    void beforeForward();

    /** y (Cout, OH, OW) = conv(x) + bias for the image at xOff, written at yOff. */
    void forward(float[] x, int xOff, float[] y, int yOff, int worker);

    /** Once per backward pass, on the calling thread, before any image. */
    void beforeBackward();

    /**
     * Adds the image's weight gradient to {@code partial} and, when {@code gx} is not null, writes its
     * input gradient at xOff.
     */
    void backward(float[] x, int xOff, float[] gy, int yOff, float[] partial, float[] gx, int worker);

    /** Where PyTorch-layout weight element i = ((co·Cin + ci)·KH + ki)·KW + kj sits in a partial sum. */
    int partialIndex(int i);
}

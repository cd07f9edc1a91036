package dev.inkwell.nn;

import dev.inkwell.kernels.ConvKernels;
import dev.inkwell.tensor.Shape;

/**
 * What max and average pooling share: settings, shape inference, buffers, and the split of the batch
 * across threads; subclasses compute a range of images.
 */
public abstract class Pool2d extends ImageWiseLayer {

    /** Square window, stride and zero padding, as PyTorch's {@code kernel_size}, {@code stride}, {@code padding}. */
    public record Spec(int kernel, int stride, int padding) {
        /**
         * Checks window, stride and padding (at most half the window, as PyTorch).
         *
         * @param kernel window height and width
         * @param stride the step between windows
         * @param padding zeros added on every side
         */
        public Spec {
            if (kernel < 1 || stride < 1) {
                throw new IllegalArgumentException("kernel and stride must be at least 1, got kernel=" + kernel
                        + " stride=" + stride);
            }
            if (padding < 0 || padding > kernel / 2) {
                throw new IllegalArgumentException("padding must be in [0, kernel/2] = [0, " + kernel / 2
                        + "], got " + padding);
            }
        }

        /**
         * Stride equal to the kernel, no padding (PyTorch's default).
         *
         * @param kernel window size and stride
         * @return the settings
         */
        public static Spec of(int kernel) {
            return new Spec(kernel, kernel, 0);
        }
    }

    /** The window settings. */
    protected final Spec spec;
    /** Input channels, input height and width, output height and width; set at build. */
    protected int channels, h, w, oh, ow;
    /** The output buffer. */
    protected float[] output;
    /** The input gradient buffer. */
    protected float[] gradInput;
    /** The current call's input and (backward) output gradient, read by the range tasks. */
    protected float[] in;
    /** The output gradient of the backward pass under way. */
    protected float[] gy;
    /** Whether the current forward pass is for training (a backward pass may follow). */
    protected boolean training;

    /**
     * A pooling with these window settings.
     *
     * @param spec the window settings
     */
    protected Pool2d(Spec spec) {
        this.spec = spec;
    }

    /**
     * The window settings.
     *
     * @return the settings
     */
    public Spec spec() {
        return spec;
    }

    @Override
    public Shape outputShape(Shape input) {
        if (input.rank() != 3) {
            throw new IllegalArgumentException("expects input [C, H, W], got " + input);
        }
        int outH = ConvKernels.outputSize(input.dim(1), spec.kernel(), spec.stride(), spec.padding());
        int outW = ConvKernels.outputSize(input.dim(2), spec.kernel(), spec.stride(), spec.padding());
        if (input.dim(1) + 2 * spec.padding() < spec.kernel() || input.dim(2) + 2 * spec.padding() < spec.kernel()) {
            throw new IllegalArgumentException("a " + spec.kernel() + "x" + spec.kernel() + " window does not fit input "
                    + input);
        }
        return Shape.of(input.dim(0), outH, outW);
    }

    @Override
    protected void allocate() {
        channels = inputShape.dim(0);
        h = inputShape.dim(1);
        w = inputShape.dim(2);
        oh = outputShape.dim(1);
        ow = outputShape.dim(2);
        output = new float[maxBatch * outputShape.size()];
        gradInput = inputGradientNeeded ? new float[maxBatch * inputShape.size()] : null;
    }

    @Override
    protected float[] startForward(float[] input, int batch, boolean training) {
        in = input;
        this.training = training;
        return output;
    }

    @Override
    protected float[] startBackward(float[] input, float[] gradOutput, int batch) {
        in = input;
        gy = gradOutput;
        return gradInput;
    }

    @Override
    protected void backwardGroup(int group, int from, int to, int worker) {
        if (inputGradientNeeded) {
            backwardImages(from, to, worker);
        }
    }

    @Override
    protected void finishBackward() {
        in = null;
        gy = null;
    }

    /** Pools images [from, to) of {@link #in} into {@link #output}. */
    @Override
    protected abstract void forwardImages(int from, int to, int worker);

    /**
     * Writes the input gradient of images [from, to) from {@link #gy} into {@link #gradInput}.
     *
     * @param from the first image
     * @param to one past the last image
     * @param worker the worker thread's index
     */
    protected abstract void backwardImages(int from, int to, int worker);

    @Override
    public LayerConfig config() {
        return LayerConfig.of(getClass().getSimpleName(), "kernel", spec.kernel(), "stride", spec.stride(),
                "padding", spec.padding());
    }
}

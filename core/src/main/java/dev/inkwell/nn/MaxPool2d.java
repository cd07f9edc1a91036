package dev.inkwell.nn;

import dev.inkwell.kernels.ConvKernels;
import dev.inkwell.kernels.PoolKernels;

/**
 * Max pooling, as {@code torch.nn.MaxPool2d}. A training forward pass records each window's argmax for
 * backward; an inference pass computes only the maxima, and a backward after it finds the argmax then.
 *
 * <p>A network's fusion plan folds a ReLU that comes right before the pooling into it ({@link #absorbPrecedingRelu}):
 * ReLU is monotone, so the maximum of the rectified window is the rectified maximum, bit for bit, and
 * rectifying the pooled output touches a quarter of the values the ReLU layer would read and write.
 *
 * <p>After a convolution that hands its output over channels-last ({@link #readChannelsLast}), the
 * pooling reads each window pixel's channels as whole vectors, transposes its quarter-sized maxima to
 * (C, OH, OW), and scatters its input gradient back channels-last.
 */
public final class MaxPool2d extends Pool2d {
    private int[] argmax;
    private boolean reluFolded;
    private boolean inputChannelsLast;
    private float[][] channelsLastValues; // per worker: one image's maxima, (OH·OW, C), before the transpose

    /**
     * A max pooling with these window settings.
     *
     * @param spec the window settings
     */
    public MaxPool2d(Spec spec) {
        super(spec);
    }

    /**
     * Window and stride {@code kernel}, no padding.
     *
     * @param kernel the window size and stride
     */
    public MaxPool2d(int kernel) {
        this(Spec.of(kernel));
    }

    @Override
    public String kind() {
        return "pool";
    }

    /** 2x2 windows with stride 2 and no padding can read channels-last. */
    @Override
    boolean canReadChannelsLast() {
        return spec.kernel() == 2 && spec.stride() == 2 && spec.padding() == 0;
    }

    /** A 2x2 stride-2 pooling without padding can end a {@link PooledConvRun} block. */
    @Override
    MaxPool2d asPooledConvEnd() {
        return canReadChannelsLast() ? this : null;
    }

    /**
     * Before build: images come in channels-last, (H·W, C) each, and their gradient goes back so; the
     * output stays (C, OH, OW). Chosen by the fusion plan after a convolution that hands over in that layout.
     */
    @Override
    void readChannelsLast() {
        inputChannelsLast = true;
    }

    @Override
    protected void allocate() {
        super.allocate();
        argmax = new int[maxBatch * outputShape.size()];
        channelsLastValues = inputChannelsLast ? new float[pool.threads()][outputShape.size()] : null;
    }

    /**
     * From now on this layer computes pool(ReLU(x)): it rectifies its output, and its input gradient
     * passes only where that output is positive. On an input already rectified the output is as before,
     * and the gradient differs only where the ReLU's own gradient is zero: calling the ReLU layer and
     * then this one still computes the same.
     */
    @Override
    boolean canAbsorbPrecedingRelu() {
        return true;
    }

    @Override
    void absorbPrecedingRelu() {
        reluFolded = true;
    }

    @Override
    protected void forwardImages(int from, int to, int worker) {
        int out = from * outputShape.size(), n = (to - from) * outputShape.size();
        // outside training nothing goes backward: the values alone are a quarter of the work
        pool(from, to, worker, training ? argmax : null, output, out);
        if (reluFolded) {
            kernels.relu(output, out, output, out, n);
        }
    }

    /**
     * The maxima of images [from, to) into dst from dstOff on, laid out as the output, and with argmax
     * given, each window's winner at the image's output offset, in the input's layout.
     */
    private void pool(int from, int to, int worker, int[] arg, float[] dst, int dstOff) {
        int inSize = inputShape.size(), outSize = outputShape.size();
        if (!inputChannelsLast) {
            PoolKernels.maxForward(kernels, in, from * inSize, (to - from) * channels, h, w, spec.kernel(),
                    spec.kernel(), spec.stride(), spec.padding(), dst, dstOff, arg, from * outSize);
            return;
        }
        float[] values = channelsLastValues[worker];
        for (int n = from; n < to; n++) {
            PoolKernels.maxForwardChannelsLast(kernels, in, n * inSize, channels, h, w, values, 0, arg, n * outSize);
            ConvKernels.transpose(values, 0, oh * ow, channels, dst, dstOff + (n - from) * outSize);
        }
    }

    @Override
    protected void backwardImages(int from, int to, int worker) {
        if (!training) {
            // an inference forward pass kept no argmax: find it now, using gradInput (about to be
            // overwritten) as scratch for the values
            pool(from, to, worker, argmax, gradInput, from * inputShape.size());
        }
        int out = from * outputShape.size();
        PoolKernels.maxBackward(gy, out, argmax, out, reluFolded ? output : null, out, to - from, channels, h, w, oh,
                ow, inputChannelsLast, gradInput, from * inputShape.size());
    }
}

package dev.inkwell.nn;

import dev.inkwell.kernels.ConvKernels;
import dev.inkwell.kernels.Kernels;
import dev.inkwell.parallel.RangeTask;
import dev.inkwell.parallel.WorkerPool;

import java.util.Arrays;
import java.util.List;

/**
 * The inference pass of consecutive blocks of a {@link Sequential}, each a stride-1 convolution, an
 * optional batch norm (its evaluation), an optional ReLU and a 2x2 stride-2 max pooling: one
 * {@link Kernels#pooledConv} call per block and image, images kept channels-last from block to block in
 * per-thread scratch. The convolution outputs never reach memory, those the pooling drops are never
 * computed, and no rows are unfolded. Each value is summed and pooled as the layers compute it one by one,
 * so the output is the same, bit for bit; it goes into the last pooling's own output buffer. With fewer
 * images than threads, the threads share each block's windows instead of taking whole images, so that a
 * single image is not left to one core. Training passes, and a backward pass after this one (which needs
 * every layer's output), run the layers themselves.
 */
final class PooledConvRun {
    /**
     * One block: the convolution, the batch norm after it (or null), whether a ReLU follows, the pooling
     * that ends it, and how many layers it spans.
     */
    record Block(Conv2d conv, BatchNorm2d norm, boolean relu, MaxPool2d pool, int layers) {
    }

    final int first;
    final int end;
    private final Stage[] stages;
    private final Kernels kernels;
    private final WorkerPool pool;
    private final float[] output;
    private final int inSize, outSize;
    private final RangeTask task = this::forwardImages;
    private final RangeTask windowsTask = this::forwardWindows;
    private float[] input;
    private Stage splitStage; // the stage whose windows forwardWindows computes, and its input
    private float[] splitInput;

    /** The blocks of layers [first, end), already built. */
    PooledConvRun(int first, int end, List<Block> blocks, Kernels kernels, WorkerPool pool) {
        this.first = first;
        this.end = end;
        this.kernels = kernels;
        this.pool = pool;
        this.stages = new Stage[blocks.size()];
        for (int b = 0; b < stages.length; b++) {
            stages[b] = new Stage(blocks.get(b), b == 0, kernels, pool.threads());
        }
        Block last = blocks.get(blocks.size() - 1);
        this.output = last.pool().output;
        this.inSize = blocks.get(0).conv().inputShape.size();
        this.outSize = last.pool().outputShape.size();
    }

    /** The output of the last pooling for {@code batch} images of input (C, H, W) each. */
    float[] forward(float[] x, int batch) {
        for (Stage s : stages) {
            s.refreshWeights();
        }
        this.input = x;
        if (batch >= pool.threads()) {
            pool.forRange(batch, task);
        } else { // fewer images than threads (a single image's latency): the threads share each block's windows
            for (int n = 0; n < batch; n++) {
                forwardSplit(n);
            }
        }
        this.input = null;
        return output;
    }

    /** Image n, each block's pooling windows split between the threads; worker 0's scratch holds the image. */
    private void forwardSplit(int n) {
        float[] in = firstInput(n, 0);
        for (int b = 0; b < stages.length; b++) {
            splitStage = stages[b];
            splitInput = in;
            pool.forRange(splitStage.ph * splitStage.pw, windowsTask);
            in = nextInput(b, 0);
        }
        storeOutput(n, 0);
        splitStage = null;
        splitInput = null;
    }

    private void forwardWindows(int from, int to, int worker) {
        splitStage.windows(splitInput, splitStage.pooled[0], from, to, kernels);
    }

    private void forwardImages(int from, int to, int worker) {
        for (int n = from; n < to; n++) {
            float[] in = firstInput(n, worker);
            for (int b = 0; b < stages.length; b++) {
                Stage s = stages[b];
                s.windows(in, s.pooled[worker], 0, s.ph * s.pw, kernels);
                in = nextInput(b, worker);
            }
            storeOutput(n, worker);
        }
    }

    /** Image n of the input, channels-last and padded for the first block, in the worker's scratch. */
    private float[] firstInput(int n, int worker) {
        Stage s = stages[0];
        ConvKernels.toChannelsLast(input, n * inSize, s.cin, s.h, s.w, s.pad, s.padded[worker], 0);
        return s.padded[worker];
    }

    /** The input of the block after block b, from block b's output (null after the last block). */
    private float[] nextInput(int b, int worker) {
        return b + 1 < stages.length ? stages[b + 1].takeInput(stages[b].pooled[worker], worker, kernels) : null;
    }

    /** The last block's output for image n, back to (C, H, W), into the run's output. */
    private void storeOutput(int n, int worker) {
        Stage last = stages[stages.length - 1];
        ConvKernels.transpose(last.pooled[worker], 0, last.ph * last.pw, last.cout, output, n * outSize);
    }

    /** A block's sizes, packed weights and per-thread scratch. */
    private static final class Stage {
        final int cin, cout, h, w, pad, wp, ph, pw;
        final boolean relu, biasFirst;
        final int taps;
        final int[] offsets; // of weight row t·Cin + ci: (ki·Wp + kj)·Cin + ci
        final float[] packed;
        final float[][] padded; // per worker: the block's input, channels-last and padded (unused by a later unpadded block)
        final float[][] pooled; // per worker: the block's output, (PH·PW, Cout)
        private final Parameter weight, bias;
        final BatchNorm2d norm;
        private final float[] weightSource, biasSource; // the values the packed weights were packed from
        private final float[] affine, affineSource; // the norm's evaluation map now, and as packed
        private final Kernels kernels;

        Stage(Block block, boolean first, Kernels kernels, int workers) {
            Conv2d conv = block.conv();
            Conv2d.Spec spec = conv.spec();
            this.kernels = kernels;
            this.cin = spec.inChannels();
            this.cout = spec.outChannels();
            this.h = conv.inputShape.dim(1);
            this.w = conv.inputShape.dim(2);
            this.pad = spec.padding();
            this.wp = w + 2 * pad;
            this.ph = block.pool().outputShape.dim(1);
            this.pw = block.pool().outputShape.dim(2);
            this.relu = block.relu();
            this.biasFirst = conv.sumsFromBias();
            this.taps = spec.kernelHeight() * spec.kernelWidth();
            this.offsets = new int[taps * cin];
            for (int t = 0; t < taps; t++) {
                for (int ci = 0; ci < cin; ci++) {
                    offsets[t * cin + ci] = ((t / spec.kernelWidth()) * wp + t % spec.kernelWidth()) * cin + ci;
                }
            }
            this.norm = block.norm();
            this.affine = new float[norm == null ? 0 : 4 * cout];
            this.affineSource = new float[affine.length];
            this.weight = conv.weightParameter();
            this.bias = conv.biasParameter();
            this.packed = new float[kernels.packedConvWeightsSize(taps * cin, cout)];
            this.weightSource = new float[weight.size()];
            this.biasSource = new float[bias == null ? 0 : bias.size()];
            kernels.packConvWeights(weightSource, 0, null, 0, norm == null ? null : affineSource, cout, cin, taps,
                    packed); // zeros: the packed form of the zero sources
            this.padded = new float[workers][first || pad > 0 ? (h + 2 * pad) * wp * cin : 0];
            this.pooled = new float[workers][ph * pw * cout];
        }

        /**
         * Repacks the weights unless they, the bias and the norm's map are bit for bit those last packed:
         * inference calls repeat with the same weights, and comparing, rather than counting writes, sees
         * every way they change (a training pass moves the norm's running statistics).
         */
        void refreshWeights() {
            boolean same = Arrays.equals(weight.data(), weight.offset(), weight.offset() + weight.size(), weightSource, 0,
                    weightSource.length);
            if (bias != null) {
                same &= Arrays.equals(bias.data(), bias.offset(), bias.offset() + bias.size(), biasSource, 0,
                        biasSource.length);
                System.arraycopy(bias.data(), bias.offset(), biasSource, 0, biasSource.length);
            }
            if (norm != null) {
                norm.evaluationAffine(affine);
                same &= Arrays.equals(affine, affineSource);
                System.arraycopy(affine, 0, affineSource, 0, affine.length);
            }
            if (!same) {
                System.arraycopy(weight.data(), weight.offset(), weightSource, 0, weightSource.length);
                kernels.packConvWeights(weightSource, 0, bias == null ? null : biasSource, 0,
                        norm == null ? null : affineSource, cout, cin, taps, packed);
            }
        }

        /**
         * Pooling windows [from, to) of the image {@code in}, row-major, into their places in {@code out}:
         * a part of a row, whole rows, a part of a row, each one kernel call.
         */
        void windows(float[] in, float[] out, int from, int to, Kernels k) {
            int q = from;
            while (q < to) {
                int i = q / pw, j = q % pw;
                int rows = j == 0 ? (to - q) / pw : 0;
                int height = Math.max(rows, 1), width = rows > 0 ? pw : Math.min(pw - j, to - q);
                k.pooledConv(in, 2 * i * wp * cin + 2 * j * cin, cin, wp * cin, offsets, packed, cout, biasFirst,
                        norm != null, relu, out, q * cout, height, width);
                q += height * width;
            }
        }

        /** This block's input from the block before's output (H·W, Cin): itself, or a zero-padded copy. */
        float[] takeInput(float[] previous, int worker, Kernels k) {
            if (pad == 0) {
                return previous;
            }
            float[] in = padded[worker];
            Arrays.fill(in, 0f);
            k.copyRows(previous, 0, w * cin, in, (pad * wp + pad) * cin, wp * cin, h, w * cin);
            return in;
        }
    }
}

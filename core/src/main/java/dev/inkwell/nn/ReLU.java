package dev.inkwell.nn;

import dev.inkwell.parallel.RangeTask;
import dev.inkwell.tensor.Shape;

/** Rectified linear unit, y = max(x, 0), elementwise; the gradient at exactly 0 is 0 (as PyTorch). */
public final class ReLU extends ImageWiseLayer {
    private float[] output;
    private float[] gradInput;
    private float[] in;
    private float[] gy;
    private final RangeTask backwardTask = this::backwardRange;

    @Override
    public String kind() {
        return "relu";
    }

    @Override
    public Shape outputShape(Shape input) {
        return input;
    }

    @Override
    protected void allocate() {
        output = new float[maxBatch * inputShape.size()];
        gradInput = new float[maxBatch * inputShape.size()];
    }

    @Override
    protected float[] startForward(float[] input, int batch, boolean training) {
        in = input;
        return output;
    }

    @Override
    protected void forwardImages(int from, int to, int worker) {
        int size = inputShape.size();
        kernels.relu(in, from * size, output, from * size, (to - from) * size);
    }

    @Override
    protected float[] computeBackward(float[] input, float[] gradOutput, int batch) {
        in = input;
        gy = gradOutput;
        pool.forRange(batch, backwardTask);
        in = null;
        gy = null;
        return gradInput;
    }

    private void backwardRange(int from, int to, int worker) {
        int size = inputShape.size();
        kernels.reluBackward(in, from * size, gy, from * size, gradInput, from * size, (to - from) * size);
    }

    @Override
    public LayerConfig config() {
        return LayerConfig.of("ReLU");
    }
}

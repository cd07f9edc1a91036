package dev.inkwell.nn;

import dev.inkwell.tensor.Shape;

/** Rectified linear unit, y = max(x, 0), elementwise; the gradient at exactly 0 is 0 (as PyTorch). */
public final class ReLU extends ImageWiseLayer {
    private float[] output;
    private float[] gradInput;
    private float[] in;
    private float[] gy;

    @Override
    public String kind() {
        return "relu";
    }

    @Override
    public Shape outputShape(Shape input) {
        return input;
    }

    @Override
    boolean foldsIntoFollowingMaxPool() {
        return true;
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
    protected float[] startBackward(float[] input, float[] gradOutput, int batch) {
        in = input;
        gy = gradOutput;
        return gradInput;
    }

    @Override
    protected void backwardGroup(int group, int from, int to, int worker) {
        int size = inputShape.size();
        kernels.reluBackward(in, from * size, gy, from * size, gradInput, from * size, (to - from) * size);
    }

    @Override
    protected void finishBackward() {
        in = null;
        gy = null;
    }

    @Override
    public LayerConfig config() {
        return LayerConfig.of("ReLU");
    }
}

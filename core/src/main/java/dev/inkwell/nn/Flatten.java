package dev.inkwell.nn;

import dev.inkwell.tensor.Shape;

/**
 * Flattens (C, H, W) to (C·H·W) in NCHW order, index c·H·W + h·W + w, as {@code torch.flatten(x, 1)}.
 * The layout already is that order, so both passes return their argument without copying.
 */
public final class Flatten extends ImageWiseLayer {

    @Override
    public String kind() {
        return "flatten";
    }

    @Override
    public Shape outputShape(Shape input) {
        return Shape.of(input.size());
    }

    @Override
    protected void allocate() {
    }

    @Override
    protected float[] startForward(float[] input, int batch, boolean training) {
        return input;
    }

    @Override
    protected void forwardImages(int from, int to, int worker) {
        // the output is the input, read with another shape
    }

    @Override
    protected float[] startBackward(float[] input, float[] gradOutput, int batch) {
        return gradOutput;
    }

    @Override
    protected void backwardGroup(int group, int from, int to, int worker) {
        // the input gradient is the output gradient, read with another shape
    }

    @Override
    public LayerConfig config() {
        return LayerConfig.of("Flatten");
    }
}

package dev.inkwell.nn;

import dev.inkwell.tensor.Shape;

import java.util.Map;

/**
 * A residual block: output = input + body(input), where the body is the layers {@link #add}ed to it
 * (as in a {@link Sequential}, which it is). The body must give back its input's shape; a body that does
 * not is refused at build, naming both shapes.
 * <pre>{@code
 * new Residual().add(new Conv2d(Conv2d.Spec.of(32, 32, 3).padding(1))).add(new BatchNorm2d(32)).add(new ReLU())
 * }</pre>
 * Backward: dInput = dOutput + the body's input gradient (the skip path passes the gradient unchanged).
 */
public final class Residual extends Sequential {
    private float[] output;
    private float[] gradInput;

    @Override
    public String kind() {
        return "res";
    }

    @Override
    public LayerConfig config() {
        return new LayerConfig("Residual", Map.of());
    }

    @Override
    public Shape outputShape(Shape input) {
        Shape body = super.outputShape(input);
        if (!body.equals(input)) {
            throw new IllegalArgumentException("the residual body maps " + input + " to " + body
                    + "; it must keep the shape for the sum");
        }
        return input;
    }

    /** The output and, the input's as well, its gradient: the body's own buffers are the body's. */
    @Override
    protected long activationsPerSample(Shape input) {
        return super.activationsPerSample(input) + 2L * input.size();
    }

    @Override
    protected void allocate() {
        super.allocate();
        output = new float[maxBatch * inputShape.size()];
        gradInput = inputGradientNeeded ? new float[maxBatch * inputShape.size()] : null;
    }

    // out = x + body(x)
    @Override
    protected float[] computeForward(float[] input, int batch, boolean training) {
        float[] body = super.computeForward(input, batch, training);
        int n = batch * inputShape.size();
        System.arraycopy(input, 0, output, 0, n);
        kernels.axpy(1f, body, 0, output, 0, n);
        return output;
    }

    // dx = dOut + body'(x)ᵀ dOut
    @Override
    protected float[] computeBackward(float[] input, float[] gradOutput, int batch) {
        float[] body = super.computeBackward(input, gradOutput, batch);
        if (gradInput == null) {
            return null;
        }
        int n = batch * inputShape.size();
        System.arraycopy(gradOutput, 0, gradInput, 0, n);
        kernels.axpy(1f, body, 0, gradInput, 0, n);
        return gradInput;
    }
}

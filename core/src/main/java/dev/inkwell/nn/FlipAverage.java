package dev.inkwell.nn;

import dev.inkwell.tensor.Shape;

import java.util.Map;

/**
 * Test-time flip averaging: outside training, output = (body(x) + body(mirror(x))) / 2, where mirror flips
 * each (C, H, W) image left to right and the body is the layers {@link #add}ed to it (as in a
 * {@link Sequential}, which it is). For classes whose mirror image is the same class (clothing, not
 * digits), trained on mirrored images too: the two views' errors partly cancel. A training pass runs the
 * body once, as it is. Inference costs two passes of the body.
 * <pre>{@code
 * new FlipAverage().add(new Conv2d(1, 32, 3)).add(new ReLU()) ... .add(new Linear(10))
 * }</pre>
 * Backward after a training pass is the body's; after an inference pass it is the average's own: half the
 * output gradient through each view, the mirrored view's input gradient mirrored back.
 */
public final class FlipAverage extends Sequential {
    private float[] mirrored;  // the mirrored batch
    private float[] output;    // the average
    private float[] half;      // half the output gradient
    private float[] gradInput;
    private boolean averaged;  // by the last forward pass

    @Override
    public String kind() {
        return "flipavg";
    }

    @Override
    public LayerConfig config() {
        return new LayerConfig("FlipAverage", Map.of());
    }

    @Override
    public Shape outputShape(Shape input) {
        if (input.rank() != 3) {
            throw new IllegalArgumentException("flip averaging expects (C, H, W) images, got " + input);
        }
        return super.outputShape(input);
    }

    /** The mirrored input, the average, half its gradient and the input gradient. */
    @Override
    protected long activationsPerSample(Shape input) {
        Shape out = super.outputShape(input);
        return super.activationsPerSample(input) + 2L * input.size() + 2L * out.size();
    }

    @Override
    protected void allocate() {
        super.allocate();
        mirrored = new float[maxBatch * inputShape.size()];
        output = new float[maxBatch * outputShape.size()];
        half = new float[maxBatch * outputShape.size()];
        gradInput = inputGradientNeeded ? new float[maxBatch * inputShape.size()] : null;
    }

    @Override
    protected float[] computeForward(float[] input, int batch, boolean training) {
        averaged = !training;
        if (training) {
            return super.computeForward(input, batch, true);
        }
        int n = batch * outputShape.size();
        System.arraycopy(super.computeForward(input, batch, false), 0, output, 0, n);
        mirror(input, mirrored, batch);
        float[] second = super.computeForward(mirrored, batch, false);
        for (int i = 0; i < n; i++) {
            output[i] = 0.5f * (output[i] + second[i]);
        }
        return output;
    }

    @Override
    protected float[] computeBackward(float[] input, float[] gradOutput, int batch) {
        if (!averaged) {
            return super.computeBackward(input, gradOutput, batch);
        }
        int n = batch * outputShape.size();
        for (int i = 0; i < n; i++) {
            half[i] = 0.5f * gradOutput[i];
        }
        // the body last saw the mirrored batch: its view first, then the plain one again
        float[] g = super.computeBackward(mirrored, half, batch);
        if (gradInput != null) {
            mirror(g, gradInput, batch);
        }
        super.computeForward(input, batch, false);
        g = super.computeBackward(input, half, batch);
        if (gradInput == null) {
            return null;
        }
        kernels.axpy(1f, g, 0, gradInput, 0, batch * inputShape.size());
        return gradInput;
    }

    /** Each (C, H, W) image of src flipped left to right into dst. */
    private void mirror(float[] src, float[] dst, int batch) {
        int rows = batch * inputShape.dim(0) * inputShape.dim(1), w = inputShape.dim(2);
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < w; j++) {
                dst[r * w + j] = src[r * w + w - 1 - j];
            }
        }
    }
}

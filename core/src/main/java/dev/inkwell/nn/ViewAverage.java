package dev.inkwell.nn;

import dev.inkwell.tensor.Shape;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * Test-time averaging over views of each image: outside training, output = the mean of body(view(x)) over
 * the views, where the body is the layers {@link #add}ed to it (as in a {@link Sequential}, which it is).
 * {@link Views#MIRROR}: the image and its left-right mirror, for classes whose mirror image is the same
 * class (clothing, not digits). {@link Views#SHIFTS}: the image and its one-pixel shifts up, down, left and
 * right (the edge row or column repeated), for digits. The views' errors partly cancel. A training pass
 * runs the body once, as it is; inference costs one pass of the body per view.
 * <pre>{@code
 * new ViewAverage(ViewAverage.Views.SHIFTS).add(new Conv2d(1, 32, 3)).add(new ReLU()) ... .add(new Linear(10))
 * }</pre>
 * Backward after a training pass is the body's; after an inference pass it is the average's own: the
 * output gradient over the number of views through each view, each view's input gradient taken back to
 * the pixels it was read from.
 */
public final class ViewAverage extends Sequential {
    /** The views averaged. */
    public enum Views {
        /** The image and its left-right mirror. */
        MIRROR,
        /** The image and its one-pixel shifts in the four directions. */
        SHIFTS
    }

    private final Views views;
    private int[][] sources; // per view after the first: for each value of an image, the value it reads
    private float[] viewed;  // the batch as the current view sees it
    private float[] output;  // the average
    private float[] part;    // the output gradient over the number of views
    private float[] gradInput;
    private boolean averaged; // by the last forward pass

    /**
     * Averaging over these views.
     *
     * @param views the views
     */
    public ViewAverage(Views views) {
        if (views == null) {
            throw new IllegalArgumentException("views are required");
        }
        this.views = views;
    }

    @Override
    public String kind() {
        return "views";
    }

    @Override
    public LayerConfig config() {
        return LayerConfig.of("ViewAverage", "views", views.name().toLowerCase(Locale.ROOT));
    }

    @Override
    public Shape outputShape(Shape input) {
        if (input.rank() != 3) {
            throw new IllegalArgumentException("view averaging expects (C, H, W) images, got " + input);
        }
        return super.outputShape(input);
    }

    /** The viewed input, the average, the gradient's share and the input gradient. */
    @Override
    protected long activationsPerSample(Shape input) {
        Shape out = super.outputShape(input);
        return super.activationsPerSample(input) + 2L * input.size() + 2L * out.size();
    }

    @Override
    protected void allocate() {
        super.allocate();
        int c = inputShape.dim(0), h = inputShape.dim(1), w = inputShape.dim(2);
        int[][] moves = views == Views.MIRROR ? new int[][] {{0, 0}} : new int[][] {{1, 0}, {-1, 0}, {0, 1}, {0, -1}};
        sources = new int[moves.length][c * h * w];
        for (int v = 0; v < moves.length; v++) {
            for (int ch = 0; ch < c; ch++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        int sx = views == Views.MIRROR ? w - 1 - x : Math.max(0, Math.min(w - 1, x - moves[v][0]));
                        int sy = views == Views.MIRROR ? y : Math.max(0, Math.min(h - 1, y - moves[v][1]));
                        sources[v][(ch * h + y) * w + x] = (ch * h + sy) * w + sx;
                    }
                }
            }
        }
        viewed = new float[maxBatch * inputShape.size()];
        output = new float[maxBatch * outputShape.size()];
        part = new float[maxBatch * outputShape.size()];
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
        for (int[] source : sources) {
            view(input, source, viewed, batch);
            float[] y = super.computeForward(viewed, batch, false);
            for (int i = 0; i < n; i++) {
                output[i] += y[i];
            }
        }
        float count = sources.length + 1;
        for (int i = 0; i < n; i++) {
            output[i] /= count;
        }
        return output;
    }

    @Override
    protected float[] computeBackward(float[] input, float[] gradOutput, int batch) {
        if (!averaged) {
            return super.computeBackward(input, gradOutput, batch);
        }
        int n = batch * outputShape.size(), size = inputShape.size();
        float count = sources.length + 1;
        for (int i = 0; i < n; i++) {
            part[i] = gradOutput[i] / count;
        }
        if (gradInput != null) {
            Arrays.fill(gradInput, 0, batch * size, 0f);
        }
        for (int v = sources.length - 1; v >= 0; v--) {
            if (v < sources.length - 1) { // the body last saw the last view: recompute the others
                view(input, sources[v], viewed, batch);
                super.computeForward(viewed, batch, false);
            }
            float[] g = super.computeBackward(viewed, part, batch);
            for (int b = 0; gradInput != null && b < batch; b++) {
                for (int i = 0; i < size; i++) {
                    gradInput[b * size + sources[v][i]] += g[b * size + i];
                }
            }
        }
        super.computeForward(input, batch, false);
        float[] g = super.computeBackward(input, part, batch);
        if (gradInput == null) {
            return null;
        }
        kernels.axpy(1f, g, 0, gradInput, 0, batch * size);
        return gradInput;
    }

    /** Each image of src as the view reads it, into dst. */
    private void view(float[] src, int[] source, float[] dst, int batch) {
        int size = inputShape.size();
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < size; i++) {
                dst[b * size + i] = src[b * size + source[i]];
            }
        }
    }
}

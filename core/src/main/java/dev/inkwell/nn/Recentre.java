package dev.inkwell.nn;

import dev.inkwell.tensor.Shape;

import java.util.Arrays;

/**
 * Moves each image by whole pixels so that the centre of mass of its ink lies on the centre pixel
 * (w/2, h/2), as MNIST's own digits were centred; what moves into the frame is {@code background}. Ink is
 * what lies above the background, summed over the channels: a pixel weighs max(0, x - background). In front
 * of a digit network, a digit written off centre reaches the network where it was trained to look; a clean
 * MNIST digit, whose centre of mass is within half a pixel of the centre, is not moved. An image without
 * ink passes unchanged. The move is rounded to whole pixels, so it is constant under small changes of the
 * input: the backward pass moves the gradient back (exact wherever the rounding does not flip).
 */
public final class Recentre extends ImageWiseLayer {
    private final double background;
    private float[] output;
    private float[] gradInput;
    /** Per image of the batch: how far it was moved right and down. */
    private int[] moveX;
    private int[] moveY;
    private float[] in;
    private float[] gy;

    /**
     * A layer that centres each image's ink.
     *
     * @param background the value of blank paper, in the network's input units; ink lies above it
     */
    public Recentre(double background) {
        if (!Double.isFinite(background)) {
            throw new IllegalArgumentException("the background must be finite, got " + background);
        }
        this.background = background;
    }

    /**
     * The value of blank paper.
     *
     * @return the background level
     */
    public double background() {
        return background;
    }

    @Override
    public String kind() {
        return "recentre";
    }

    @Override
    public Shape outputShape(Shape input) {
        if (input.rank() != 3) {
            throw new IllegalArgumentException("Recentre needs (channels, height, width) images, got " + input);
        }
        return input;
    }

    @Override
    protected void allocate() {
        int size = inputShape.size();
        output = new float[maxBatch * size];
        gradInput = new float[maxBatch * size];
        moveX = new int[maxBatch];
        moveY = new int[maxBatch];
    }

    @Override
    protected float[] startForward(float[] input, int batch, boolean training) {
        in = input;
        return output;
    }

    @Override
    protected void forwardImages(int from, int to, int worker) {
        int channels = inputShape.dim(0), h = inputShape.dim(1), w = inputShape.dim(2), size = channels * h * w;
        float b = (float) background;
        for (int n = from; n < to; n++) {
            int base = n * size;
            double mass = 0, sumX = 0, sumY = 0;
            for (int c = 0; c < channels; c++) {
                for (int y = 0; y < h; y++) {
                    int row = base + (c * h + y) * w;
                    for (int x = 0; x < w; x++) {
                        double ink = Math.max(0f, in[row + x] - b);
                        mass += ink;
                        sumX += ink * x;
                        sumY += ink * y;
                    }
                }
            }
            boolean blank = !(mass > 0);
            moveX[n] = blank ? 0 : (int) Math.floor(w / 2 - sumX / mass + 0.5);
            moveY[n] = blank ? 0 : (int) Math.floor(h / 2 - sumY / mass + 0.5);
            shift(in, output, base, channels, h, w, moveX[n], moveY[n], b);
        }
    }

    /** dst = src moved {@code dx} right and {@code dy} down; what comes from outside is {@code fill}. */
    private static void shift(float[] src, float[] dst, int base, int channels, int h, int w, int dx, int dy,
                              float fill) {
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < h; y++) {
                int row = base + (c * h + y) * w, sy = y - dy;
                if (sy < 0 || sy >= h) {
                    Arrays.fill(dst, row, row + w, fill);
                    continue;
                }
                int srcRow = base + (c * h + sy) * w;
                for (int x = 0; x < w; x++) {
                    int sx = x - dx;
                    dst[row + x] = sx >= 0 && sx < w ? src[srcRow + sx] : fill;
                }
            }
        }
    }

    @Override
    protected float[] startBackward(float[] input, float[] gradOutput, int batch) {
        gy = gradOutput;
        return gradInput;
    }

    @Override
    protected void backwardGroup(int group, int from, int to, int worker) {
        int channels = inputShape.dim(0), h = inputShape.dim(1), w = inputShape.dim(2), size = channels * h * w;
        for (int n = from; n < to; n++) {
            // each input pixel went to (x + dx, y + dy), or out of the frame (no gradient)
            shift(gy, gradInput, n * size, channels, h, w, -moveX[n], -moveY[n], 0f);
        }
    }

    @Override
    protected void finishBackward() {
        in = null;
        gy = null;
    }

    @Override
    public LayerConfig config() {
        return LayerConfig.of("Recentre", "background", background);
    }
}

package dev.inkwell.nn;

import dev.inkwell.tensor.Shape;

/**
 * Sets each image's levels, as a photo editor's "levels" does: its background (the median value) moves to
 * {@code background} and its brightest value to {@code ink}, everything between linearly:
 * y = background + (x - median) · (ink - background) / (max - median). In front of a digit network, a
 * grey page, fog, a dim or blurred stroke all reach the network at the levels it was trained on; on a clean
 * MNIST image, whose background is its median and whose ink reaches full white, it changes nothing but
 * rounding. An image whose median and maximum (nearly) agree passes unchanged. The median is the
 * (n/2)-th smallest of the image's n values (all channels together); the backward pass is the exact
 * gradient, through the median and the maximum as well.
 */
public final class ImageLevels extends ImageWiseLayer {
    /** Below this spread between median and maximum an image has no levels to set. */
    static final float FLAT = 1e-6f;

    private final double background;
    private final double ink;
    private float[] output;
    private float[] gradInput;
    /** Per image of the batch: its median's index, its maximum's index, and its scale. */
    private int[] medianAt;
    private int[] maxAt;
    private float[] scale;
    private float[][] scratch;
    private int[][] order;
    private float[] in;
    private float[] gy;

    /**
     * Levels that move each image's background to {@code background} and its brightest value to {@code ink}.
     *
     * @param background where the median goes, in the network's input units
     * @param ink where the maximum goes; above {@code background}
     */
    public ImageLevels(double background, double ink) {
        if (!(ink > background) || !Double.isFinite(background) || !Double.isFinite(ink)) {
            throw new IllegalArgumentException("ink (" + ink + ") must be finite and above the background ("
                    + background + ")");
        }
        this.background = background;
        this.ink = ink;
    }

    /**
     * Where the background goes.
     *
     * @return the background level
     */
    public double background() {
        return background;
    }

    /**
     * Where the brightest value goes.
     *
     * @return the ink level
     */
    public double ink() {
        return ink;
    }

    @Override
    public String kind() {
        return "levels";
    }

    @Override
    public Shape outputShape(Shape input) {
        return input;
    }

    @Override
    protected void allocate() {
        int size = inputShape.size();
        output = new float[maxBatch * size];
        gradInput = new float[maxBatch * size];
        medianAt = new int[maxBatch];
        maxAt = new int[maxBatch];
        scale = new float[maxBatch];
        scratch = new float[pool.threads()][size];
        order = new int[pool.threads()][size];
    }

    @Override
    protected float[] startForward(float[] input, int batch, boolean training) {
        in = input;
        return output;
    }

    @Override
    protected void forwardImages(int from, int to, int worker) {
        int size = inputShape.size();
        for (int n = from; n < to; n++) {
            int base = n * size;
            int top = base;
            for (int i = base + 1; i < base + size; i++) {
                if (in[i] > in[top]) {
                    top = i;
                }
            }
            int median = base + medianIndex(in, base, size, scratch[worker], order[worker]);
            float m = in[median], spread = in[top] - m;
            medianAt[n] = median;
            maxAt[n] = top;
            if (spread <= FLAT) {
                scale[n] = Float.NaN; // passes unchanged
                System.arraycopy(in, base, output, base, size);
                continue;
            }
            float s = (float) ((ink - background) / spread), b = (float) background;
            scale[n] = s;
            for (int i = base; i < base + size; i++) {
                output[i] = b + (in[i] - m) * s;
            }
        }
    }

    /**
     * The index (from {@code base}) of the (size/2)-th smallest of {@code size} values: a quickselect on
     * indices, so that the value's place is known for the backward pass, allocating nothing.
     */
    static int medianIndex(float[] x, int base, int size, float[] values, int[] index) {
        for (int i = 0; i < size; i++) {
            values[i] = x[base + i];
            index[i] = i;
        }
        int k = size / 2, lo = 0, hi = size - 1;
        while (lo < hi) {
            float pivot = values[(lo + hi) >>> 1];
            int i = lo, j = hi;
            while (i <= j) {
                while (values[i] < pivot) {
                    i++;
                }
                while (values[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    float v = values[i];
                    values[i] = values[j];
                    values[j] = v;
                    int t = index[i];
                    index[i] = index[j];
                    index[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                break;
            }
        }
        return index[k];
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
        for (int n = from; n < to; n++) {
            int base = n * size;
            float s = scale[n];
            if (Float.isNaN(s)) {
                System.arraycopy(gy, base, gradInput, base, size);
                continue;
            }
            float m = in[medianAt[n]], spread = in[maxAt[n]] - m;
            double sumG = 0, sumGx = 0;
            for (int i = base; i < base + size; i++) {
                gradInput[i] = gy[i] * s;
                sumG += gy[i];
                sumGx += gy[i] * (in[i] - m);
            }
            // y_i = b + (x_i - m)·s with s = (ink - b) / (M - m): the median and the maximum move every output
            gradInput[medianAt[n]] += (float) (-s * sumG + s / spread * sumGx);
            gradInput[maxAt[n]] += (float) (-s / spread * sumGx);
        }
    }

    @Override
    protected void finishBackward() {
        in = null;
        gy = null;
    }

    @Override
    public LayerConfig config() {
        return LayerConfig.of("ImageLevels", "background", background, "ink", ink);
    }
}

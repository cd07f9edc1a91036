package dev.inkwell.train;

import dev.inkwell.init.Rng;

/**
 * Random small affine distortions of single-channel images, as handwriting varies: a rotation of up
 * to ±maxRotation degrees, a scale change of up to ±maxScale, and a shift of up to ±maxShift pixels
 * per axis, about the image centre, resampled bilinearly; what comes from outside the image is
 * {@code background} (the normalised value of a black pixel); with {@code flip}, every other image (at
 * random) is also mirrored left to right, for classes whose mirror image is the same class (clothing, not
 * digits). Then, when given, {@link Degradations}.
 *
 * @param maxRotationDegrees the largest rotation, either way
 * @param maxScale the largest relative change of size, either way
 * @param maxShift the largest shift in pixels, along each axis
 * @param background the value that fills what moves into the frame
 * @param degradations what else befalls an image after the distortion, or null for nothing
 * @param flip whether half the images are mirrored left to right
 */
public record Augmenter(double maxRotationDegrees, double maxScale, double maxShift, float background,
                        Degradations degradations, boolean flip) {

    /**
     * Checks that every range is finite and not negative.
     *
     * @param maxRotationDegrees the largest rotation, either way
     * @param maxScale the largest relative change of size, either way
     * @param maxShift the largest shift in pixels, along each axis
     * @param background the value that fills what moves into the frame
     * @param degradations what else befalls an image after the distortion, or null for nothing
     * @param flip whether half the images are mirrored left to right
     */
    public Augmenter {
        if (!(maxRotationDegrees >= 0 && maxRotationDegrees <= 180) || !(maxScale >= 0 && maxScale < 1)
                || !(maxShift >= 0)) {
            throw new IllegalArgumentException("augmentation needs rotation in [0, 180], scale in [0, 1), shift >= 0");
        }
    }

    /**
     * Distortions alone, without degradations.
     *
     * @param maxRotationDegrees the largest rotation, either way
     * @param maxScale the largest relative change of size, either way
     * @param maxShift the largest shift in pixels, along each axis
     * @param background the value that fills what moves into the frame
     */
    public Augmenter(double maxRotationDegrees, double maxScale, double maxShift, float background) {
        this(maxRotationDegrees, maxScale, maxShift, background, null, false);
    }

    /**
     * These distortions followed by {@code d}.
     *
     * @param d the degradations, or null for none
     * @return the augmenter
     */
    public Augmenter withDegradations(Degradations d) {
        return new Augmenter(maxRotationDegrees, maxScale, maxShift, background, d, flip);
    }

    /**
     * These distortions, with or without mirroring half the images left to right.
     *
     * @param mirror whether to flip
     * @return the augmenter
     */
    public Augmenter withFlip(boolean mirror) {
        return new Augmenter(maxRotationDegrees, maxScale, maxShift, background, degradations, mirror);
    }

    /**
     * The defaults used by {@code --augment}: ±10°, ±10% scale, ±2 pixels.
     *
     * @param background the normalised value of a blank pixel
     * @return the augmenter
     */
    public static Augmenter mnistDefaults(float background) {
        return new Augmenter(10, 0.1, 2, background);
    }

    /**
     * The defaults for clothing ({@code --flip}, and Fashion-MNIST's): shifts of up to ±2 pixels and
     * every other image mirrored, without rotation or scaling (which cost {@code best} half a point there).
     *
     * @param background the normalised value of a blank pixel
     * @return the augmenter
     */
    public static Augmenter clothingDefaults(float background) {
        return new Augmenter(0, 0, 2, background).withFlip(true);
    }

    /**
     * Writes a distorted copy of the (channels, h, w) image at src[srcOff] to dst[dstOff], drawing one
     * distortion from {@code rng} and applying it to every channel alike.
     *
     * @param src the source images
     * @param srcOff index of the image's first value
     * @param dst receives the distorted copy
     * @param dstOff index of its first value
     * @param channels channels
     * @param h height
     * @param w width
     * @param rng draws the distortion
     */
    public void apply(float[] src, int srcOff, float[] dst, int dstOff, int channels, int h, int w, Rng rng) {
        if (channels < 1 || h < 1 || w < 1) {
            throw new IllegalArgumentException("an image of " + channels + " x " + h + " x " + w + " cannot be augmented");
        }
        double angle = Math.toRadians((2 * rng.nextDouble() - 1) * maxRotationDegrees);
        double scale = 1 + (2 * rng.nextDouble() - 1) * maxScale;
        double dx = (2 * rng.nextDouble() - 1) * maxShift;
        double dy = (2 * rng.nextDouble() - 1) * maxShift;
        boolean mirrored = flip && rng.nextDouble() < 0.5; // drawn only when flipping: other recipes keep their stream
        // inverse map: output pixel -> source position (then mirrored)
        double cos = Math.cos(angle) / scale, sin = Math.sin(angle) / scale;
        double cx = (w - 1) / 2.0, cy = (h - 1) / 2.0;
        for (int c = 0; c < channels; c++) {
            int plane = c * h * w;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double ox = x - cx - dx, oy = y - cy - dy;
                    double sx = cos * ox + sin * oy + cx;
                    sx = mirrored ? w - 1 - sx : sx;
                    double sy = -sin * ox + cos * oy + cy;
                    dst[dstOff + plane + y * w + x] = bilinear(src, srcOff + plane, h, w, sx, sy, background);
                }
            }
        }
        if (degradations != null) {
            degradations.apply(dst, dstOff, channels, h, w, rng);
        }
    }

    /** The (h, w) plane at src[off] read at (x, y), bilinearly; outside it is {@code outside}. */
    static float bilinear(float[] src, int off, int h, int w, double x, double y, float outside) {
        int x0 = (int) Math.floor(x), y0 = (int) Math.floor(y);
        double fx = x - x0, fy = y - y0;
        double v00 = at(src, off, h, w, x0, y0, outside), v10 = at(src, off, h, w, x0 + 1, y0, outside);
        double v01 = at(src, off, h, w, x0, y0 + 1, outside), v11 = at(src, off, h, w, x0 + 1, y0 + 1, outside);
        return (float) ((v00 * (1 - fx) + v10 * fx) * (1 - fy) + (v01 * (1 - fx) + v11 * fx) * fy);
    }

    private static float at(float[] src, int off, int h, int w, int x, int y, float outside) {
        return x < 0 || y < 0 || x >= w || y >= h ? outside : src[off + y * w + x];
    }
}

package dev.inkwell.model;

/**
 * How pixels 0..255 become network inputs: x = (pixel/255 - mean[c]) / std[c] for channel c, images laid out
 * channel by channel. One mean and std serve every channel. The one place this arithmetic lives.
 *
 * @param mean per channel, or one for all
 * @param std  per channel, or one for all; positive
 */
public record Normalization(float[] mean, float[] std) {
    /**
     * Checks that there are as many means as stds, all finite, every std positive; keeps copies.
     *
     * @param mean the mean per channel
     * @param std the standard deviation per channel
     */
    public Normalization {
        if (mean.length == 0 || mean.length != std.length) {
            throw new IllegalArgumentException(mean.length + " means and " + std.length + " stds");
        }
        for (int c = 0; c < mean.length; c++) {
            if (!(std[c] > 0) || !Float.isFinite(mean[c]) || !Float.isFinite(std[c])) {
                throw new IllegalArgumentException("normalisation needs a finite mean and std > 0, got " + mean[c]
                        + ", " + std[c]);
            }
        }
        mean = mean.clone();
        std = std.clone();
    }

    /**
     * One mean and std for every channel.
     *
     * @param mean the mean
     * @param std the standard deviation
     * @return the normalisation
     */
    public static Normalization of(float mean, float std) {
        return new Normalization(new float[] {mean}, new float[] {std});
    }

    /**
     * The number of channels this normalises separately (1: all alike).
     *
     * @return the channel count
     */
    public int channels() {
        return mean.length;
    }

    /**
     * The means, a copy.
     *
     * @return the means
     */
    @Override
    public float[] mean() {
        return mean.clone();
    }

    /**
     * The standard deviations, a copy.
     *
     * @return the standard deviations
     */
    @Override
    public float[] std() {
        return std.clone();
    }

    /**
     * Normalises one image of {@code size} pixels from {@code src[srcOff]} into {@code dst[dstOff]}; with
     * several channels, the image is {@code channels()} planes of {@code size / channels()} pixels.
     *
     * @param src the pixels, 0..255
     * @param srcOff index of the first pixel
     * @param dst receives the normalised values
     * @param dstOff index of the first value
     * @param size the image's pixel count, all channels
     */
    public void apply(byte[] src, int srcOff, float[] dst, int dstOff, int size) {
        int plane = size / mean.length;
        for (int c = 0; c < mean.length; c++) {
            float scale = 1f / (255f * std[c]), shift = mean[c] / std[c];
            for (int i = c * plane; i < (c + 1) * plane; i++) {
                dst[dstOff + i] = (src[srcOff + i] & 0xFF) * scale - shift;
            }
        }
    }
}

package dev.inkwell.mnist.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.Raster;

/**
 * Turns a decoded image into a grey plane: luminance in [0, 1], transparent areas composited over
 * paper, and large images box-averaged down to a working size while they are read, so that no
 * full-resolution copy is made.
 */
final class Luminance {
    private Luminance() {
    }

    /**
     * The luminance of {@code image}, shrunk by a whole factor until its longer side is at most
     * {@code maxSide}. Where the image is transparent the paper shows through; the paper is taken to
     * contrast with the image's opaque pixels (dark strokes on a transparent canvas get white paper).
     */
    static GreyPlane of(BufferedImage image, int maxSide) {
        int w = image.getWidth(), h = image.getHeight();
        int factor = factor(w, h, maxSide);
        int ow = (w + factor - 1) / factor, oh = (h + factor - 1) / factor;
        float[] inkTimesAlpha = new float[ow * oh];
        float[] alpha = new float[ow * oh];
        float[] count = new float[ow * oh];
        float[] lum = new float[w], alp = new float[w];
        int[] argb = new int[w];
        int[] samples = new int[w * 4];
        Layout layout = Layout.of(image);
        double opaqueLuminance = 0, opaqueWeight = 0;
        boolean transparent = false;
        for (int y = 0; y < h; y++) {
            readRow(image, layout, y, argb, samples, lum, alp);
            int row = (y / factor) * ow;
            for (int x = 0; x < w; x++) {
                int cell = row + x / factor;
                inkTimesAlpha[cell] += lum[x] * alp[x];
                alpha[cell] += alp[x];
                count[cell] += 1;
                opaqueLuminance += lum[x] * alp[x];
                opaqueWeight += alp[x];
                transparent |= alp[x] < 1f;
            }
        }
        float paper = !transparent || opaqueWeight == 0 || opaqueLuminance / opaqueWeight < 0.5 ? 1f : 0f;
        float[] out = new float[ow * oh];
        for (int i = 0; i < out.length; i++) {
            out[i] = (inkTimesAlpha[i] + paper * (count[i] - alpha[i])) / count[i];
        }
        return new GreyPlane(ow, oh, out);
    }

    /** The whole factor by which {@link #of} shrinks a {@code w} x {@code h} image for {@code maxSide}. */
    static int factor(int w, int h, int maxSide) {
        return Math.max(1, (Math.max(w, h) + maxSide - 1) / maxSide);
    }

    /** Luminance and alpha of row {@code y}, each in [0, 1]. */
    private static void readRow(BufferedImage image, Layout layout, int y, int[] argb, int[] samples, float[] lum,
                                float[] alp) {
        int w = image.getWidth();
        if (layout == Layout.GREY) {
            // getRGB would pass grey through a linear-to-sRGB curve and brighten it: read samples directly.
            Raster raster = image.getRaster();
            float max = (1 << image.getColorModel().getComponentSize(0)) - 1;
            boolean hasAlpha = image.getColorModel().hasAlpha();
            float alphaMax = hasAlpha ? (1 << image.getColorModel().getComponentSize(1)) - 1 : 1;
            for (int x = 0; x < w; x++) {
                lum[x] = raster.getSample(x, y, 0) / max;
                alp[x] = hasAlpha ? raster.getSample(x, y, 1) / alphaMax : 1f;
            }
            return;
        }
        if (layout == Layout.RGB8) {
            // 8-bit sRGB samples read straight from the raster: five times faster than getRGB's conversions
            int bands = image.getRaster().getNumBands();
            image.getRaster().getPixels(0, y, w, 1, samples);
            for (int x = 0, i = 0; x < w; x++, i += bands) {
                lum[x] = (0.299f * samples[i] + 0.587f * samples[i + 1] + 0.114f * samples[i + 2]) / 255f;
                alp[x] = bands == 4 ? samples[i + 3] / 255f : 1f;
            }
            return;
        }
        image.getRGB(0, y, w, 1, argb, 0, w);
        for (int x = 0; x < w; x++) {
            int p = argb[x];
            int r = (p >> 16) & 0xFF, g = (p >> 8) & 0xFF, b = p & 0xFF;
            lum[x] = (0.299f * r + 0.587f * g + 0.114f * b) / 255f;
            alp[x] = (p >>> 24) / 255f;
        }
    }

    /** How a row's pixels are read: grey samples, 8-bit sRGB samples, or through getRGB. */
    private enum Layout {
        GREY, RGB8, OTHER;

        static Layout of(BufferedImage image) {
            return isGrey(image) ? GREY : isPlainRgb(image) ? RGB8 : OTHER;
        }
    }

    private static boolean isPlainRgb(BufferedImage image) {
        java.awt.image.ColorModel cm = image.getColorModel();
        int bands = image.getRaster().getNumBands();
        return (cm instanceof ComponentColorModel || cm instanceof java.awt.image.DirectColorModel)
                && cm.getColorSpace().isCS_sRGB() && !cm.isAlphaPremultiplied()
                && bands == (cm.hasAlpha() ? 4 : 3) && cm.getNumComponents() == bands
                && java.util.Arrays.stream(cm.getComponentSize()).allMatch(size -> size == 8);
    }

    private static boolean isGrey(BufferedImage image) {
        return image.getColorModel() instanceof ComponentColorModel cm
                && cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY
                && image.getRaster().getNumBands() == (cm.hasAlpha() ? 2 : 1);
    }
}

package dev.inkwell.mnist.image;

/**
 * Frames extracted ink as MNIST framed its digits: the ink's bounding box scaled (area-averaged,
 * aspect ratio kept) so that its longer side is 20 pixels, placed in a 28x28 field with its centre of
 * mass at the centre. Strokes that would come out thinner than MNIST's thinnest are thickened first:
 * a line drawn with a fine pen on a large page would otherwise shrink to a faint trace.
 */
final class DigitFramer {
    static final int SIDE = 28;
    static final int BOX = 20;
    /** Where MNIST puts the centre of mass, in pixel-index coordinates (measured on its training set). */
    static final double CENTRE = 14.0;
    /** Strokes thinner than this in the output (MNIST's 3rd percentile) are thickened ... */
    static final double THIN_STROKE = 1.2;
    /** ... to this width (MNIST's median is 2.0). */
    static final double TARGET_STROKE = 1.8;

    private DigitFramer() {
    }

    static byte[] frame(GreyPlane ink) {
        int[] box = boundingBox(ink);
        GreyPlane crop = crop(ink, box[0], box[1], box[2] - box[0] + 1, box[3] - box[1] + 1);
        int longSide = Math.max(crop.width(), crop.height());
        double width = strokeWidth(crop);
        if (width * BOX / longSide < THIN_STROKE) {
            // Solves (width + 2r) / (longSide + 2r) = TARGET_STROKE / BOX for the dilation radius r.
            int radius = (int) Math.round((TARGET_STROKE * longSide - BOX * width) / (2 * BOX - 2 * TARGET_STROKE));
            if (radius > 0) {
                crop = dilate(crop, radius);
            }
        }
        double scale = (double) BOX / Math.max(crop.width(), crop.height());
        int ow = Math.max(1, (int) Math.round(crop.width() * scale));
        int oh = Math.max(1, (int) Math.round(crop.height() * scale));
        return centre(resize(crop, ow, oh));
    }

    /** {x0, y0, x1, y1}, inclusive, of the non-zero values. */
    private static int[] boundingBox(GreyPlane p) {
        int x0 = p.width(), y0 = p.height(), x1 = -1, y1 = -1;
        for (int y = 0; y < p.height(); y++) {
            for (int x = 0; x < p.width(); x++) {
                if (p.at(x, y) > 0f) {
                    x0 = Math.min(x0, x);
                    x1 = Math.max(x1, x);
                    y0 = Math.min(y0, y);
                    y1 = Math.max(y1, y);
                }
            }
        }
        if (x1 < 0) {
            throw new IllegalArgumentException("no ink to frame");
        }
        return new int[] {x0, y0, x1, y1};
    }

    private static GreyPlane crop(GreyPlane p, int x0, int y0, int w, int h) {
        GreyPlane out = new GreyPlane(w, h);
        for (int y = 0; y < h; y++) {
            System.arraycopy(p.values(), (y0 + y) * p.width() + x0, out.values(), y * w, w);
        }
        return out;
    }

    /** Mean stroke width of the solid ink: twice its area over the length of its outline. */
    static double strokeWidth(GreyPlane p) {
        int w = p.width(), h = p.height();
        long area = 0, outline = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (p.at(x, y) < 0.5f) {
                    continue;
                }
                area++;
                outline += (x == 0 || p.at(x - 1, y) < 0.5f ? 1 : 0) + (x == w - 1 || p.at(x + 1, y) < 0.5f ? 1 : 0)
                        + (y == 0 || p.at(x, y - 1) < 0.5f ? 1 : 0) + (y == h - 1 || p.at(x, y + 1) < 0.5f ? 1 : 0);
            }
        }
        return outline == 0 ? 0 : 2.0 * area / outline;
    }

    /** Grey-level dilation by a square of side 2r+1 (separable running maximum), on a canvas grown by r. */
    private static GreyPlane dilate(GreyPlane p, int r) {
        int w = p.width() + 2 * r, h = p.height() + 2 * r;
        float[] rows = new float[w * h];
        for (int y = 0; y < p.height(); y++) {
            for (int x = 0; x < w; x++) {
                float m = 0;
                for (int sx = Math.max(0, x - 2 * r); sx <= Math.min(p.width() - 1, x); sx++) {
                    m = Math.max(m, p.at(sx, y));
                }
                rows[(y + r) * w + x] = m;
            }
        }
        float[] out = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float m = 0;
                for (int sy = Math.max(r, y - r); sy <= Math.min(h - 1 - r, y + r); sy++) {
                    m = Math.max(m, rows[sy * w + x]);
                }
                out[y * w + x] = m;
            }
        }
        return new GreyPlane(w, h, out);
    }

    /** Area-averaging resize: each output pixel is the mean of the input area it covers. */
    static GreyPlane resize(GreyPlane p, int ow, int oh) {
        int w = p.width(), h = p.height();
        float[] across = new float[ow * h];
        for (int y = 0; y < h; y++) {
            resampleLine(p.values(), y * w, 1, w, across, y * ow, 1, ow);
        }
        float[] out = new float[ow * oh];
        for (int x = 0; x < ow; x++) {
            resampleLine(across, x, ow, h, out, x, ow, oh);
        }
        return new GreyPlane(ow, oh, out);
    }

    private static void resampleLine(float[] in, int inAt, int inStride, int n, float[] out, int outAt,
                                     int outStride, int m) {
        double step = (double) n / m;
        for (int o = 0; o < m; o++) {
            double from = o * step, to = (o + 1) * step, sum = 0;
            for (int i = (int) from; i < Math.min(n, (int) Math.ceil(to)); i++) {
                double overlap = Math.min(to, i + 1) - Math.max(from, i);
                sum += overlap * in[inAt + i * inStride];
            }
            out[outAt + o * outStride] = (float) (sum / step);
        }
    }

    /** Places the digit in a 28x28 field, shifted by whole pixels so its centre of mass is at the centre. */
    private static byte[] centre(GreyPlane digit) {
        double mass = 0, mx = 0, my = 0;
        for (int y = 0; y < digit.height(); y++) {
            for (int x = 0; x < digit.width(); x++) {
                double v = digit.at(x, y);
                mass += v;
                mx += v * x;
                my += v * y;
            }
        }
        int dx = (int) Math.round(CENTRE - mx / mass), dy = (int) Math.round(CENTRE - my / mass);
        byte[] out = new byte[SIDE * SIDE];
        for (int y = 0; y < digit.height(); y++) {
            for (int x = 0; x < digit.width(); x++) {
                int tx = x + dx, ty = y + dy;
                if (tx >= 0 && tx < SIDE && ty >= 0 && ty < SIDE) {
                    out[ty * SIDE + tx] = (byte) Math.round(Math.min(1f, digit.at(x, y)) * 255f);
                }
            }
        }
        return out;
    }
}

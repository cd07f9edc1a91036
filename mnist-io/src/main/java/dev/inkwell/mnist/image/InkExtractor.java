package dev.inkwell.mnist.image;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Separates ink from paper: white ink on black afterwards, 0 for paper and 1 for solid ink.
 * Polarity is detected, a slowly varying background (tinted paper, shadows, vignetting) is
 * subtracted, contrast is stretched between the paper's noise and the typical ink level, and specks
 * much smaller than the digit are dropped.
 */
final class InkExtractor {
    /** Below this difference between ink and paper (on a 0..1 scale) there is no digit to read. */
    static final float MIN_CONTRAST = 0.08f;
    /** Fewer solid ink pixels than this at working resolution is a speck, not a digit. */
    static final int MIN_INK_PIXELS = 10;
    /** A separate piece of ink lighter than this share of the largest piece is a speck. */
    static final float SPECK_SHARE = 0.05f;
    /** Marks fainter than this share of the typical ink (ruled lines, smudges, shadows of folds) are paper. */
    static final float FAINT_SHARE = 0.3f;
    /** A piece touching the image's edge along this share of its shorter side ... */
    static final double FRAME_EDGE_SHARE = 0.2;
    /** ... and thicker than this share of it ... */
    static final double FRAME_THICKNESS = 0.08;
    /** ... and this many times thicker than the strokes elsewhere is a frame (a table, a margin). */
    static final double FRAME_STROKES = 3;
    /** A piece this many times wider than high, across half the image, is a ruled line. */
    static final double RULED_LINE_ASPECT = 6;
    private static final int BINS = 1024;
    private static final int GRID = 8;

    private InkExtractor() {
    }

    static GreyPlane extract(GreyPlane grey, String source) throws NoDigitException {
        int w = grey.width(), h = grey.height();
        float[] v = grey.values().clone();
        if (inkIsDark(v)) {
            for (int i = 0; i < v.length; i++) {
                v[i] = 1f - v[i];
            }
        }
        float[] background = background(v, w, h);
        float max = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.max(0f, v[i] - background[i]);
            max = Math.max(max, v[i]);
        }
        if (max < MIN_CONTRAST) {
            throw new NoDigitException(source, "nothing differs from the paper");
        }
        float threshold = otsu(v, max);
        float ink = medianDistance(v, threshold, true, 0f);
        float noise = medianDistance(v, threshold, false, 0f);
        float floor = noise + 3 * medianDistance(v, threshold, false, noise);
        if (ink - floor < MIN_CONTRAST) {
            throw new NoDigitException(source, "the ink is too faint to tell from the paper");
        }
        dropFaintMarks(v, w, h, FAINT_SHARE * ink);
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.min(1f, Math.max(0f, (v[i] - floor) / (ink - floor)));
        }
        dropSpecksAndFrames(v, w, h);
        int solid = 0;
        for (float x : v) {
            solid += x >= 0.5f ? 1 : 0;
        }
        if (solid < MIN_INK_PIXELS) {
            throw new NoDigitException(source, "only a speck of ink");
        }
        return new GreyPlane(w, h, v);
    }

    /**
     * Ink is the minority: whichever tail lies further from the median. The tails are first taken at 0.5%;
     * when neither stands out from the paper, the ink is a smaller share than that (a small digit on a
     * large page), and they are taken at the few most extreme pixels instead.
     */
    private static boolean inkIsDark(float[] v) {
        int[] histogram = new int[BINS];
        for (float x : v) {
            histogram[bin(x, 1f)]++;
        }
        float mid = percentile(histogram, v.length, 0.5);
        double[] tails = {0.005, Math.min(0.005, 2.0 * MIN_INK_PIXELS / v.length)};
        for (double q : tails) {
            float low = percentile(histogram, v.length, q), high = percentile(histogram, v.length, 1 - q);
            if (Math.max(mid - low, high - mid) >= MIN_CONTRAST) {
                return mid - low > high - mid;
            }
        }
        return false;
    }

    /**
     * The paper's level everywhere: medians of an 8x8 grid of blocks, each lowered to the least of its
     * neighbours (so a block filled by a thick stroke does not count as paper), interpolated bilinearly.
     */
    private static float[] background(float[] v, int w, int h) {
        int block = Math.max(4, (Math.max(w, h) + GRID - 1) / GRID);
        int gw = (w + block - 1) / block, gh = (h + block - 1) / block;
        float[] medians = new float[gw * gh];
        int[] histogram = new int[256];
        for (int gy = 0; gy < gh; gy++) {
            for (int gx = 0; gx < gw; gx++) {
                Arrays.fill(histogram, 0);
                int n = 0;
                for (int y = gy * block; y < Math.min(h, (gy + 1) * block); y++) {
                    for (int x = gx * block; x < Math.min(w, (gx + 1) * block); x++) {
                        histogram[Math.min(255, (int) (v[y * w + x] * 256))]++;
                        n++;
                    }
                }
                int seen = 0, b = 0;
                while (seen + histogram[b] <= n / 2) {
                    seen += histogram[b++];
                }
                medians[gy * gw + gx] = (b + 0.5f) / 256;
            }
        }
        float[] eroded = new float[gw * gh];
        for (int gy = 0; gy < gh; gy++) {
            for (int gx = 0; gx < gw; gx++) {
                float least = Float.MAX_VALUE;
                for (int ny = Math.max(0, gy - 1); ny <= Math.min(gh - 1, gy + 1); ny++) {
                    for (int nx = Math.max(0, gx - 1); nx <= Math.min(gw - 1, gx + 1); nx++) {
                        least = Math.min(least, medians[ny * gw + nx]);
                    }
                }
                eroded[gy * gw + gx] = least;
            }
        }
        float[] out = new float[w * h];
        for (int y = 0; y < h; y++) {
            float fy = Math.max(0f, Math.min(gh - 1f, (y + 0.5f) / block - 0.5f));
            int y0 = Math.min((int) fy, gh - 1), y1 = Math.min(y0 + 1, gh - 1);
            float ty = fy - y0;
            for (int x = 0; x < w; x++) {
                float fx = Math.max(0f, Math.min(gw - 1f, (x + 0.5f) / block - 0.5f));
                int x0 = Math.min((int) fx, gw - 1), x1 = Math.min(x0 + 1, gw - 1);
                float tx = fx - x0;
                float top = eroded[y0 * gw + x0] * (1 - tx) + eroded[y0 * gw + x1] * tx;
                float bottom = eroded[y1 * gw + x0] * (1 - tx) + eroded[y1 * gw + x1] * tx;
                out[y * w + x] = top * (1 - ty) + bottom * ty;
            }
        }
        return out;
    }

    /** Otsu's threshold: the level that best splits the values into two classes (paper, ink). */
    private static float otsu(float[] v, float max) {
        int[] histogram = new int[BINS];
        for (float x : v) {
            histogram[bin(x, max)]++;
        }
        double total = v.length, sumAll = 0;
        for (int b = 0; b < BINS; b++) {
            sumAll += (double) b * histogram[b];
        }
        double below = 0, sumBelow = 0, best = -1;
        int bestBin = 0;
        for (int b = 0; b < BINS - 1; b++) {
            below += histogram[b];
            sumBelow += (double) b * histogram[b];
            double above = total - below;
            if (below == 0 || above == 0) {
                continue;
            }
            double meanBelow = sumBelow / below, meanAbove = (sumAll - sumBelow) / above;
            double between = below * above * (meanBelow - meanAbove) * (meanBelow - meanAbove);
            if (between > best) {
                best = between;
                bestBin = b;
            }
        }
        return (bestBin + 1) * max / BINS;
    }

    /**
     * Median of |x - center| over the values above (ink) or at most (paper) the threshold: with center 0
     * the median value itself (values are not negative), with center the median, the MAD.
     */
    private static float medianDistance(float[] v, float threshold, boolean above, float center) {
        int[] histogram = new int[BINS];
        int n = 0;
        for (float x : v) {
            if ((x > threshold) == above) {
                histogram[bin(Math.abs(x - center), 1f)]++;
                n++;
            }
        }
        return n == 0 ? 0f : percentile(histogram, n, 0.5);
    }

    private static int bin(float x, float max) {
        return Math.min(BINS - 1, Math.max(0, (int) (x / max * BINS)));
    }

    /** The centre of the histogram bin holding quantile {@code q}, on a 0..1 scale. */
    private static float percentile(int[] histogram, int n, double q) {
        long rank = (long) Math.floor(q * (n - 1)), seen = 0;
        for (int b = 0; b < BINS; b++) {
            seen += histogram[b];
            if (seen > rank) {
                return (b + 0.5f) / BINS;
            }
        }
        return 1f;
    }

    /**
     * Zeroes values under {@code faint} that do not touch a stronger one: a ruled line or a smudge goes,
     * the soft edge of a stroke stays.
     */
    private static void dropFaintMarks(float[] v, int w, int h, float faint) {
        float[] original = v.clone();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (original[y * w + x] >= faint) {
                    continue;
                }
                boolean edge = false;
                for (int ny = Math.max(0, y - 1); ny <= Math.min(h - 1, y + 1) && !edge; ny++) {
                    for (int nx = Math.max(0, x - 1); nx <= Math.min(w - 1, x + 1); nx++) {
                        edge |= original[ny * w + nx] >= faint;
                    }
                }
                if (!edge) {
                    v[y * w + x] = 0f;
                }
            }
        }
    }

    /**
     * Keeps the digit among the 8-connected pieces of ink. Dropped: ruled lines across the image, and pieces
     * along the image's edge that are too thick to be strokes (the table around a photographed page, a
     * scanner's dark margin), as long as something else is left; then pieces lighter than
     * {@link #SPECK_SHARE} of the largest.
     */
    private static void dropSpecksAndFrames(float[] v, int w, int h) {
        int[] label = new int[v.length];
        List<Fill> fills = InkPieces.label(v, w, h, label, Fill::new, (f, p) -> f.add(v, w, h, p));
        List<Piece> pieces = new ArrayList<>();
        pieces.add(null); // labels start at 1
        int shorter = Math.min(w, h);
        for (Fill f : fills) {
            double thickness = 2.0 * f.area / Math.max(1, f.outline);
            boolean alongEdge = f.edge >= FRAME_EDGE_SHARE * shorter && thickness >= FRAME_THICKNESS * shorter;
            boolean ruled = f.x1 - f.x0 + 1 > RULED_LINE_ASPECT * (f.y1 - f.y0 + 1) && f.x1 - f.x0 + 1 > w / 2;
            pieces.add(new Piece(f.mass, f.area, thickness, alongEdge, ruled));
        }
        // a ruled line is paper, as long as there is ink besides: not the largest piece that specks are weighed against
        boolean otherInk = pieces.stream().skip(1).anyMatch(p -> !p.frame() && p.area() >= MIN_INK_PIXELS);
        if (!otherInk) {
            for (int i = 1; i < pieces.size(); i++) {
                pieces.set(i, pieces.get(i).withFrame(false));
            }
        }
        // Only with real strokes elsewhere, and much thinner ones: a bold digit cropped tightly, or
        // split by the crop into pieces, touches the edges too.
        int strokeArea = Math.max(MIN_INK_PIXELS, w * h / 100);
        double strokeThickness = pieces.stream().skip(1).filter(p -> !p.alongEdge() && !p.frame() && p.area() >= strokeArea)
                .mapToDouble(Piece::thickness).max().orElse(Double.POSITIVE_INFINITY);
        for (int i = 1; i < pieces.size(); i++) {
            Piece p = pieces.get(i);
            pieces.set(i, p.withFrame(p.frame() || p.alongEdge() && p.thickness() >= FRAME_STROKES * strokeThickness));
        }
        float largest = 0;
        for (Piece p : pieces.subList(1, pieces.size())) {
            if (!p.frame()) {
                largest = Math.max(largest, p.mass());
            }
        }
        for (int i = 0; i < v.length; i++) {
            Piece p = pieces.get(label[i]);
            if (p != null && (p.frame() || p.mass() < SPECK_SHARE * largest)) {
                v[i] = 0f;
            }
        }
    }

    private static int outside(float[] v, int w, int h, int x, int y) {
        return x < 0 || y < 0 || x >= w || y >= h || v[y * w + x] == 0f ? 1 : 0;
    }

    /** What a flood fill gathers about a piece: mass, pixel count, outline, pixels on the image's edge, box. */
    private static final class Fill {
        float mass;
        int area, outline, edge, x0 = Integer.MAX_VALUE, x1 = -1, y0 = Integer.MAX_VALUE, y1 = -1;

        void add(float[] v, int w, int h, int p) {
            int px = p % w, py = p / w;
            x0 = Math.min(x0, px);
            x1 = Math.max(x1, px);
            y0 = Math.min(y0, py);
            y1 = Math.max(y1, py);
            mass += v[p];
            area++;
            edge += px == 0 || py == 0 || px == w - 1 || py == h - 1 ? 1 : 0;
            outline += outside(v, w, h, px - 1, py) + outside(v, w, h, px + 1, py)
                    + outside(v, w, h, px, py - 1) + outside(v, w, h, px, py + 1);
        }
    }

    /** One connected piece of ink: mass, pixel count, thickness, and whether it hugs the edge or is a frame. */
    private record Piece(float mass, int area, double thickness, boolean alongEdge, boolean frame) {

        Piece withFrame(boolean isFrame) {
            return new Piece(mass, area, thickness, alongEdge, isFrame);
        }
    }
}

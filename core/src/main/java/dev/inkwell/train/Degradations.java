package dev.inkwell.train;

import dev.inkwell.init.Rng;

/**
 * Random degradations of a training image, as scans, photos and other pens bring them: a blur, a lower
 * contrast on a lighter or unevenly lit background, noise, a stray line or two, strokes thickened,
 * thinned or drawn hollow, the page turned further than handwriting leans, a wobbling hand, a band of
 * tape or glare across the digit, ink dispersed into grainy paper. Each image is degraded with probability
 * {@code probability}, by one or more of these, drawn from the training's random stream; values are in the
 * network's input units, where blank paper is {@code background} and full ink is {@code ink}. Allocates
 * nothing after each thread's first image.
 *
 * @param background the value of blank paper
 * @param ink the value of full ink
 * @param probability the share of images degraded, in [0, 1]
 */
public record Degradations(float background, float ink, double probability) {
    private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[0]);
    /** The wobble's grid of random moves: GRID x GRID points, x then y. */
    private static final int GRID = 4;
    private static final ThreadLocal<double[]> MOVES = ThreadLocal.withInitial(() -> new double[2 * GRID * GRID]);

    /**
     * Checks the levels and the probability.
     *
     * @param background the value of blank paper
     * @param ink the value of full ink
     * @param probability the share of images degraded
     */
    public Degradations {
        if (!(ink > background) || !(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("degradations need ink above background and a probability in [0, 1]");
        }
    }

    /**
     * Degrades the (channels, h, w) image at {@code x[off]} in place, or leaves it, as the draw decides.
     *
     * @param x the images
     * @param off index of the image's first value
     * @param channels channels
     * @param h height
     * @param w width
     * @param rng the random stream
     */
    public void apply(float[] x, int off, int channels, int h, int w, Rng rng) {
        if (rng.nextDouble() >= probability) {
            return;
        }
        int size = channels * h * w;
        float[] scratch = SCRATCH.get();
        if (scratch.length < size) {
            scratch = new float[size];
            SCRATCH.set(scratch);
        }
        boolean any = false;
        while (!any) { // at least one
            if (rng.nextDouble() < 0.3) {
                strokes(x, off, channels, h, w, scratch, rng.nextDouble() < 0.5);
                any = true;
            }
            if (rng.nextDouble() < 0.1) {
                hollow(x, off, channels, h, w, scratch);
                any = true;
            }
            if (rng.nextDouble() < 0.3) {
                int passes = 1 + rng.nextInt(2);
                float a = (float) (0.1 + 0.23 * rng.nextDouble());
                for (int p = 0; p < passes; p++) {
                    blur(x, off, channels, h, w, scratch, a);
                }
                any = true;
            }
            if (rng.nextDouble() < 0.3) {
                lines(x, off, channels, h, w, rng);
                any = true;
            }
            if (rng.nextDouble() < 0.35) {
                levels(x, off, channels, h, w, rng);
                any = true;
            }
            if (rng.nextDouble() < 0.3) {
                noise(x, off, size, rng);
                any = true;
            }
            if (rng.nextDouble() < 0.3) {
                double turn = rng.nextDouble() < 0.5 ? 0
                        : (rng.nextInt(2) == 0 ? 1 : -1) * (15 + 30 * rng.nextDouble());
                warp(x, off, channels, h, w, scratch, Math.toRadians(turn), 2 * rng.nextDouble(), rng);
                any = true;
            }
            if (rng.nextDouble() < 0.15) {
                band(x, off, channels, h, w, rng);
                any = true;
            }
            if (rng.nextDouble() < 0.15) {
                grain(x, off, channels, h, w, scratch, rng);
                any = true;
            }
        }
    }

    /** A 3x3 maximum (thicker strokes) or minimum (thinner) over each plane. */
    private void strokes(float[] x, int off, int channels, int h, int w, float[] scratch, boolean thicker) {
        System.arraycopy(x, off, scratch, 0, channels * h * w);
        for (int c = 0; c < channels; c++) {
            int plane = c * h * w;
            for (int y = 0; y < h; y++) {
                for (int i = 0; i < w; i++) {
                    float v = scratch[plane + y * w + i];
                    for (int ny = Math.max(0, y - 1); ny <= Math.min(h - 1, y + 1); ny++) {
                        for (int nx = Math.max(0, i - 1); nx <= Math.min(w - 1, i + 1); nx++) {
                            float n = scratch[plane + ny * w + nx];
                            v = thicker ? Math.max(v, n) : Math.min(v, n);
                        }
                    }
                    x[off + plane + y * w + i] = v;
                }
            }
        }
    }

    /**
     * Strokes drawn as hollow outlines, as some pens and fonts draw them: thickened, then only their edge
     * kept (the 3x3 maximum less the 3x3 minimum, over paper).
     */
    void hollow(float[] x, int off, int channels, int h, int w, float[] scratch) {
        strokes(x, off, channels, h, w, scratch, true);
        System.arraycopy(x, off, scratch, 0, channels * h * w);
        for (int c = 0; c < channels; c++) {
            int plane = c * h * w;
            for (int y = 0; y < h; y++) {
                for (int i = 0; i < w; i++) {
                    float max = background, min = ink;
                    for (int ny = y - 1; ny <= y + 1; ny++) {
                        for (int nx = i - 1; nx <= i + 1; nx++) {
                            boolean inside = ny >= 0 && ny < h && nx >= 0 && nx < w;
                            float n = inside ? scratch[plane + ny * w + nx] : background;
                            max = Math.max(max, n);
                            min = Math.min(min, n);
                        }
                    }
                    x[off + plane + y * w + i] = background + Math.max(0f, max - min);
                }
            }
        }
    }

    /** A separable blur with weights (a, 1 - 2a, a); outside the image is paper. */
    private void blur(float[] x, int off, int channels, int h, int w, float[] scratch, float a) {
        for (int c = 0; c < channels; c++) {
            int plane = c * h * w;
            for (int y = 0; y < h; y++) {
                for (int i = 0; i < w; i++) {
                    int p = off + plane + y * w + i;
                    float left = i > 0 ? x[p - 1] : background, right = i < w - 1 ? x[p + 1] : background;
                    scratch[plane + y * w + i] = a * left + (1 - 2 * a) * x[p] + a * right;
                }
            }
            for (int y = 0; y < h; y++) {
                for (int i = 0; i < w; i++) {
                    int q = plane + y * w + i;
                    float up = y > 0 ? scratch[q - w] : background, down = y < h - 1 ? scratch[q + w] : background;
                    x[off + q] = a * up + (1 - 2 * a) * scratch[q] + a * down;
                }
            }
        }
    }

    /** One or two straight lines across the image, as ruled lines or stray pen strokes. */
    private void lines(float[] x, int off, int channels, int h, int w, Rng rng) {
        int count = 1 + rng.nextInt(2);
        for (int k = 0; k < count; k++) {
            double x0 = rng.nextDouble() * w, y0 = rng.nextDouble() * h;
            double angle = Math.PI * rng.nextDouble(), length = Math.max(w, h) * 1.5;
            double dx = Math.cos(angle), dy = Math.sin(angle);
            float level = background + (ink - background) * (float) (0.4 + 0.6 * rng.nextDouble());
            for (double t = -length; t <= length; t += 0.5) {
                int px = (int) Math.round(x0 + t * dx), py = (int) Math.round(y0 + t * dy);
                if (px >= 0 && py >= 0 && px < w && py < h) {
                    for (int c = 0; c < channels; c++) {
                        int p = off + c * h * w + py * w + px;
                        x[p] = Math.max(x[p], level);
                    }
                }
            }
        }
    }

    /** Lower contrast over a lighter background that may brighten across the image (a grey page, fog). */
    private void levels(float[] x, int off, int channels, int h, int w, Rng rng) {
        float span = ink - background;
        float contrast = (float) (0.4 + 0.6 * rng.nextDouble());
        float lift = (float) (0.6 * rng.nextDouble()) * span;
        float gx = (float) ((rng.nextDouble() - 0.5) * 0.4) * span, gy = (float) ((rng.nextDouble() - 0.5) * 0.4) * span;
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < h; y++) {
                for (int i = 0; i < w; i++) {
                    int p = off + c * h * w + y * w + i;
                    float paper = lift + gx * (i / (float) w - 0.5f) + gy * (y / (float) h - 0.5f);
                    float v = background + (x[p] - background) * contrast + Math.max(0f, paper);
                    x[p] = Math.min(ink, v);
                }
            }
        }
    }

    /** Gaussian noise, or salt and pepper. */
    private void noise(float[] x, int off, int size, Rng rng) {
        float span = ink - background;
        if (rng.nextDouble() < 0.5) {
            float sigma = (float) (0.25 * rng.nextDouble()) * span;
            for (int i = off; i < off + size; i++) {
                x[i] = Math.max(background, Math.min(ink, x[i] + sigma * (float) rng.nextGaussian()));
            }
        } else {
            double rate = 0.08 * rng.nextDouble();
            for (int i = off; i < off + size; i++) {
                double r = rng.nextDouble();
                x[i] = r < rate / 2 ? background : r < rate ? ink : x[i];
            }
        }
    }

    /**
     * Resampled through a rotation by {@code angle} about the centre and a smooth random displacement of up to
     * {@code wobble} pixels each way (random moves on a coarse grid, interpolated bilinearly between its
     * points): a page turned, a hand that wobbles.
     */
    void warp(float[] x, int off, int channels, int h, int w, float[] scratch, double angle, double wobble,
              Rng rng) {
        double[] moves = MOVES.get();
        for (int i = 0; i < moves.length; i++) {
            moves[i] = wobble * (2 * rng.nextDouble() - 1);
        }
        System.arraycopy(x, off, scratch, 0, channels * h * w);
        double cos = Math.cos(angle), sin = Math.sin(angle), cx = (w - 1) / 2.0, cy = (h - 1) / 2.0;
        for (int y = 0; y < h; y++) {
            double gy = y * (GRID - 1) / Math.max(1.0, h - 1);
            int row = Math.min(GRID - 2, (int) gy);
            double fy = gy - row;
            for (int i = 0; i < w; i++) {
                double gx = i * (GRID - 1) / Math.max(1.0, w - 1);
                int col = Math.min(GRID - 2, (int) gx);
                double fx = gx - col;
                double ox = i - cx, oy = y - cy;
                double sx = cos * ox + sin * oy + cx + between(moves, 0, row, col, fx, fy);
                double sy = -sin * ox + cos * oy + cy + between(moves, GRID * GRID, row, col, fx, fy);
                for (int c = 0; c < channels; c++) {
                    x[off + c * h * w + y * w + i] = Augmenter.bilinear(scratch, c * h * w, h, w, sx, sy, background);
                }
            }
        }
    }

    /** The grid's moves at {@code from}, interpolated at (col + fx, row + fy). */
    private static double between(double[] grid, int from, int row, int col, double fx, double fy) {
        int p = from + row * GRID + col;
        return (grid[p] * (1 - fx) + grid[p + 1] * fx) * (1 - fy)
                + (grid[p + GRID] * (1 - fx) + grid[p + GRID + 1] * fx) * fy;
    }

    /**
     * A band 2 to 6 pixels wide across the image, upright or level, that inverts what lies under it (glare on
     * a photo, a strip of tape) or lightens it towards ink (a highlighter).
     */
    void band(float[] x, int off, int channels, int h, int w, Rng rng) {
        boolean upright = rng.nextInt(2) == 0, invert = rng.nextInt(2) == 0;
        int across = upright ? w : h, width = Math.min(across, 2 + rng.nextInt(5));
        int from = rng.nextInt(across - width + 1);
        float lift = (float) (0.3 + 0.5 * rng.nextDouble()) * (ink - background);
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < h; y++) {
                for (int i = 0; i < w; i++) {
                    int along = upright ? i : y;
                    if (along >= from && along < from + width) {
                        int p = off + c * h * w + y * w + i;
                        x[p] = invert ? background + ink - x[p] : Math.min(ink, x[p] + lift);
                    }
                }
            }
        }
    }

    /**
     * Each pixel takes the value of a random pixel at most one step away, in one or two rounds: ink dispersed
     * into grainy paper, or a coarsely dithered scan. Every channel alike.
     */
    void grain(float[] x, int off, int channels, int h, int w, float[] scratch, Rng rng) {
        int rounds = 1 + rng.nextInt(2), size = channels * h * w;
        for (int round = 0; round < rounds; round++) {
            System.arraycopy(x, off, scratch, 0, size);
            for (int y = 0; y < h; y++) {
                for (int i = 0; i < w; i++) {
                    int sy = Math.max(0, Math.min(h - 1, y + rng.nextInt(3) - 1));
                    int sx = Math.max(0, Math.min(w - 1, i + rng.nextInt(3) - 1));
                    for (int c = 0; c < channels; c++) {
                        x[off + c * h * w + y * w + i] = scratch[c * h * w + sy * w + sx];
                    }
                }
            }
        }
    }
}

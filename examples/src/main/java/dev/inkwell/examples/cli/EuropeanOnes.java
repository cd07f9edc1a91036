package dev.inkwell.examples.cli;

import dev.inkwell.init.Rng;
import dev.inkwell.tensor.Shape;
import dev.inkwell.train.Samples;

/**
 * Training digits with some of their 1s written the European way: a flag down from the top, now and then a
 * foot. MNIST's 1s, written by Americans, are mostly bare strokes, so a model trained on them reads a 1
 * with a long flag as 7. Which 1s change, and how, is fixed per sample by {@code seed}.
 */
final class EuropeanOnes implements Samples {
    /** The share of 1s given a flag; a third of those also get a foot. */
    static final double SHARE = 0.3;
    /** Reseeded for each image: copies run on the training's worker threads and allocate nothing. */
    private static final ThreadLocal<Rng> RNG = ThreadLocal.withInitial(() -> new Rng(0));

    private final Samples digits;
    private final float paper, ink;
    private final long seed;

    /** {@code digits} labelled as MNIST's (label 1 is the digit 1); paper and full ink in input units. */
    EuropeanOnes(Samples digits, float paper, float ink, long seed) {
        this.digits = digits;
        this.paper = paper;
        this.ink = ink;
        this.seed = seed;
    }

    @Override
    public int size() {
        return digits.size();
    }

    @Override
    public Shape sampleShape() {
        return digits.sampleShape();
    }

    @Override
    public int label(int i) {
        return digits.label(i);
    }

    @Override
    public void copyInput(int i, float[] dst, int dstOff) {
        digits.copyInput(i, dst, dstOff);
        if (digits.label(i) != 1) {
            return;
        }
        Rng rng = RNG.get();
        rng.reseed(Rng.mix(seed ^ Rng.mix(i)));
        if (rng.nextDouble() < SHARE) {
            int h = sampleShape().dim(sampleShape().rank() - 2), w = sampleShape().dim(sampleShape().rank() - 1);
            europeanise(dst, dstOff, h, w, rng);
        }
    }

    /** Draws a flag at the top of the 1 in the (h, w) image at {@code x[off]}, and sometimes a foot. */
    private void europeanise(float[] x, int off, int h, int w, Rng rng) {
        float half = paper + 0.5f * (ink - paper);
        int top = -1, bottom = -1;
        double mass = 0;
        for (int y = 0; y < h; y++) {
            for (int c = 0; c < w; c++) {
                if (x[off + y * w + c] > half) {
                    top = top < 0 ? y : top;
                    bottom = y;
                }
                mass += Math.max(0, x[off + y * w + c] - paper) / (ink - paper);
            }
        }
        if (top < 0 || bottom - top < 8) {
            return;
        }
        int height = bottom - top + 1;
        double width = Math.max(1.2, Math.min(4, mass / height)); // the stroke's width
        double tx = inkCentre(x, off, w, top, half), bx = inkCentre(x, off, w, bottom, half);
        // the flag leaves the stem's top at 25-55 degrees from the stem, to the left and downwards
        double sx = bx - tx, sy = height, norm = Math.hypot(sx, sy);
        double turn = Math.toRadians(25 + 30 * rng.nextDouble());
        double fx = (sx * Math.cos(turn) - sy * Math.sin(turn)) / norm;
        double fy = (sx * Math.sin(turn) + sy * Math.cos(turn)) / norm;
        if (fy < Math.sin(Math.toRadians(20))) {
            return; // nearly level: a 7's bar, not a flag
        }
        double length = (0.15 + 0.3 * rng.nextDouble()) * height;
        stroke(x, off, h, w, tx, top + width / 2, tx + length * fx, top + width / 2 + length * fy, width);
        if (rng.nextDouble() < 1 / 3.0) {
            double foot = (0.15 + 0.2 * rng.nextDouble()) * height;
            stroke(x, off, h, w, bx - foot, bottom - width / 2, bx + foot, bottom - width / 2, width);
        }
    }

    private static double inkCentre(float[] x, int off, int w, int y, float half) {
        double sum = 0, n = 0;
        for (int c = 0; c < w; c++) {
            if (x[off + y * w + c] > half) {
                sum += c;
                n++;
            }
        }
        return sum / n;
    }

    /** Draws a segment {@code width} wide from (x0, y0) to (x1, y1), its edge antialiased. */
    private void stroke(float[] x, int off, int h, int w, double x0, double y0, double x1, double y1, double width) {
        double dx = x1 - x0, dy = y1 - y0, len2 = dx * dx + dy * dy;
        for (int y = 0; y < h; y++) {
            for (int c = 0; c < w; c++) {
                double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, ((c - x0) * dx + (y - y0) * dy) / len2));
                double d = Math.hypot(c - x0 - t * dx, y - y0 - t * dy);
                double cover = Math.max(0, Math.min(1, width / 2 + 0.5 - d));
                int p = off + y * w + c;
                x[p] = Math.max(x[p], (float) (paper + cover * (ink - paper)));
            }
        }
    }
}

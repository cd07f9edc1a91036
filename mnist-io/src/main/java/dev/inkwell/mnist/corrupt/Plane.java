package dev.inkwell.mnist.corrupt;

/**
 * A square grey image of floats in [0, 1] (white ink on black, as MNIST) and the drawing and filtering the
 * corruptions are made of.
 */
final class Plane {
    final int side;
    final float[] v;

    Plane(int side) {
        this(side, new float[side * side]);
    }

    Plane(int side, float[] v) {
        this.side = side;
        this.v = v;
    }

    static Plane of(byte[] pixels, int side) {
        float[] v = new float[side * side];
        for (int i = 0; i < v.length; i++) {
            v[i] = (pixels[i] & 0xFF) / 255f;
        }
        return new Plane(side, v);
    }

    byte[] toBytes() {
        byte[] out = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (byte) Math.round(255 * Math.max(0f, Math.min(1f, v[i])));
        }
        return out;
    }

    /** The value at (x, y), 0 outside. */
    float at(int x, int y) {
        return x < 0 || y < 0 || x >= side || y >= side ? 0f : v[y * side + x];
    }

    /** Bilinear sample at a real position, 0 outside. */
    float sample(double x, double y) {
        int x0 = (int) Math.floor(x), y0 = (int) Math.floor(y);
        double tx = x - x0, ty = y - y0;
        return (float) ((1 - ty) * ((1 - tx) * at(x0, y0) + tx * at(x0 + 1, y0))
                + ty * ((1 - tx) * at(x0, y0 + 1) + tx * at(x0 + 1, y0 + 1)));
    }

    /**
     * The image mapped through an affine transform about its centre: output (x, y) samples the input at
     * (a·x' + b·y', c·x' + d·y') + (dx, dy) + centre, with (x', y') = (x, y) - centre.
     */
    Plane warp(double a, double b, double c, double d, double dx, double dy) {
        Plane out = new Plane(side);
        double centre = (side - 1) / 2.0;
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                double px = x - centre, py = y - centre;
                out.v[y * side + x] = sample(a * px + b * py + dx + centre, c * px + d * py + dy + centre);
            }
        }
        return out;
    }

    /** A separable Gaussian blur of standard deviation {@code sigma} pixels (edges clamp). */
    Plane blur(double sigma) {
        int r = Math.max(1, (int) Math.ceil(3 * sigma));
        float[] k = new float[2 * r + 1];
        float sum = 0;
        for (int i = -r; i <= r; i++) {
            k[i + r] = (float) Math.exp(-i * i / (2 * sigma * sigma));
            sum += k[i + r];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= sum;
        }
        float[] tmp = new float[v.length];
        Plane out = new Plane(side);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                float s = 0;
                for (int i = -r; i <= r; i++) {
                    s += k[i + r] * v[y * side + clamp(x + i)];
                }
                tmp[y * side + x] = s;
            }
        }
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                float s = 0;
                for (int i = -r; i <= r; i++) {
                    s += k[i + r] * tmp[clamp(y + i) * side + x];
                }
                out.v[y * side + x] = s;
            }
        }
        return out;
    }

    private int clamp(int i) {
        return Math.max(0, Math.min(side - 1, i));
    }

    /** Paints a disc of radius {@code r} at (x, y) with {@code value} (antialiased at its rim), keeping the larger. */
    void dot(double x, double y, double r, float value) {
        for (int py = (int) Math.floor(y - r - 1); py <= (int) Math.ceil(y + r + 1); py++) {
            for (int px = (int) Math.floor(x - r - 1); px <= (int) Math.ceil(x + r + 1); px++) {
                if (px < 0 || py < 0 || px >= side || py >= side) {
                    continue;
                }
                double cover = Math.max(0, Math.min(1, r + 0.5 - Math.hypot(px - x, py - y)));
                int i = py * side + px;
                v[i] = Math.max(v[i], (float) (cover * value));
            }
        }
    }

    /** A line of dots of radius {@code r}, {@code spacing} pixels apart (0.5: a solid line). */
    void line(double x0, double y0, double x1, double y1, double r, double spacing, float value) {
        double length = Math.hypot(x1 - x0, y1 - y0);
        int steps = Math.max(1, (int) Math.ceil(length / spacing));
        for (int s = 0; s <= steps; s++) {
            double t = s / (double) steps;
            dot(x0 + t * (x1 - x0), y0 + t * (y1 - y0), r, value);
        }
    }
}

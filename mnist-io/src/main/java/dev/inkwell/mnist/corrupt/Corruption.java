package dev.inkwell.mnist.corrupt;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The fifteen corruptions of MNIST-C (Mu and Gilmer, 2019), written anew for 28x28 MNIST-style images
 * (white ink on black): a test of how a digit model holds up away from clean MNIST. Each draws its random
 * choices from a seed, so a corrupted test set is the same every time. The severities follow the paper's
 * spirit (the digit stays readable to a person) rather than its exact numbers.
 */
public enum Corruption {
    /** Poisson noise: each pixel a photon count of mean 12 at full ink. */
    SHOT_NOISE,
    /** Salt and pepper: 5% of the pixels black, 5% white. */
    IMPULSE_NOISE,
    /** Frosted glass: blurred, pixels swapped with random neighbours, blurred again. */
    GLASS_BLUR,
    /** The pen or camera moved: averaged along a 7-pixel line at a random angle. */
    MOTION_BLUR,
    /** Sheared sideways by 0.3 to 0.6 of the height. */
    SHEAR,
    /** Shrunk to 50% to 70% about the centre. */
    SCALE,
    /** Rotated by 30 to 45 degrees, either way. */
    ROTATE,
    /** A grey background: 0.5 added everywhere. */
    BRIGHTNESS,
    /** Moved 3 to 6 pixels along each axis, partly out of the frame. */
    TRANSLATE,
    /** A vertical band 3 to 6 pixels wide with its values inverted. */
    STRIPE,
    /** Fog: smooth fractal noise of mean about 0.25 laid over the image. */
    FOG,
    /** Spatter: drops of grey ink around the digit. */
    SPATTER,
    /** A dotted line across the image. */
    DOTTED_LINE,
    /** A zigzag line across the image. */
    ZIGZAG,
    /** Only the edges of the strokes: the digit drawn hollow. */
    CANNY_EDGES;

    private static final int SIDE = 28;

    /**
     * The name used for folders and on the command line, for example {@code shot_noise}.
     *
     * @return the name
     */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The corruption named {@code id}.
     *
     * @param id a name {@link #id()} returns
     * @return the corruption
     * @throws IllegalArgumentException naming the corruptions there are
     */
    public static Corruption byId(String id) {
        for (Corruption c : values()) {
            if (c.id().equals(id)) {
                return c;
            }
        }
        StringBuilder known = new StringBuilder();
        for (Corruption c : values()) {
            known.append(known.length() == 0 ? "" : ", ").append(c.id());
        }
        throw new IllegalArgumentException("no corruption '" + id + "'; there are " + known);
    }

    /**
     * A corrupted copy of one image.
     *
     * @param pixels 28x28 grey bytes, row-major, white ink on black
     * @param seed the seed of the random choices for this image
     * @return the corrupted image, same layout
     */
    public byte[] apply(byte[] pixels, long seed) {
        if (pixels.length != SIDE * SIDE) {
            throw new IllegalArgumentException("expected 28x28 = 784 pixels, got " + pixels.length);
        }
        return corrupt(Plane.of(pixels, SIDE), new SplittableRandom(seed)).toBytes();
    }

    private Plane corrupt(Plane p, SplittableRandom random) {
        return switch (this) {
            case SHOT_NOISE -> shotNoise(p, random);
            case IMPULSE_NOISE -> impulseNoise(p, random);
            case GLASS_BLUR -> glassBlur(p, random);
            case MOTION_BLUR -> motionBlur(p, random);
            case SHEAR -> p.warp(1, sign(random) * (0.3 + 0.3 * random.nextDouble()), 0, 1, 0, 0);
            case SCALE -> {
                double zoom = 0.5 + 0.2 * random.nextDouble();
                yield p.warp(1 / zoom, 0, 0, 1 / zoom, 0, 0);
            }
            case ROTATE -> {
                double a = Math.toRadians(sign(random) * (30 + 15 * random.nextDouble()));
                yield p.warp(Math.cos(a), -Math.sin(a), Math.sin(a), Math.cos(a), 0, 0);
            }
            case BRIGHTNESS -> add(p, 0.5f);
            case TRANSLATE -> p.warp(1, 0, 0, 1, sign(random) * (3 + 3 * random.nextDouble()),
                    sign(random) * (3 + 3 * random.nextDouble()));
            case STRIPE -> stripe(p, random);
            case FOG -> fog(p, random);
            case SPATTER -> spatter(p, random);
            case DOTTED_LINE -> across(p, random, 2.5, 0.8);
            case ZIGZAG -> zigzag(p, random);
            case CANNY_EDGES -> edges(p);
        };
    }

    private static double sign(SplittableRandom random) {
        return random.nextBoolean() ? 1 : -1;
    }

    private static Plane shotNoise(Plane p, SplittableRandom random) {
        double photons = 12;
        Plane out = new Plane(p.side);
        for (int i = 0; i < p.v.length; i++) {
            // Knuth's Poisson sampler: fine for means this small
            double limit = Math.exp(-(p.v[i] + 0.02) * photons), product = random.nextDouble();
            int k = 0;
            while (product > limit) {
                product *= random.nextDouble();
                k++;
            }
            out.v[i] = (float) (k / photons);
        }
        return out;
    }

    private static Plane impulseNoise(Plane p, SplittableRandom random) {
        Plane out = new Plane(p.side, p.v.clone());
        for (int i = 0; i < out.v.length; i++) {
            double r = random.nextDouble();
            out.v[i] = r < 0.05 ? 0f : r < 0.10 ? 1f : out.v[i];
        }
        return out;
    }

    private static Plane glassBlur(Plane p, SplittableRandom random) {
        Plane out = p.blur(0.7);
        for (int round = 0; round < 2; round++) {
            for (int y = p.side - 2; y >= 1; y--) {
                for (int x = p.side - 2; x >= 1; x--) {
                    int nx = x + random.nextInt(3) - 1, ny = y + random.nextInt(3) - 1;
                    float t = out.v[y * p.side + x];
                    out.v[y * p.side + x] = out.v[ny * p.side + nx];
                    out.v[ny * p.side + nx] = t;
                }
            }
        }
        return out.blur(0.7);
    }

    private static Plane motionBlur(Plane p, SplittableRandom random) {
        double angle = Math.PI * random.nextDouble(), dx = Math.cos(angle), dy = Math.sin(angle);
        int reach = 3;
        Plane out = new Plane(p.side);
        for (int y = 0; y < p.side; y++) {
            for (int x = 0; x < p.side; x++) {
                float s = 0;
                for (int t = -reach; t <= reach; t++) {
                    s += p.sample(x + t * dx, y + t * dy);
                }
                out.v[y * p.side + x] = s / (2 * reach + 1) * 1.6f; // a light blur of a thin stroke stays visible
            }
        }
        return out;
    }

    private static Plane add(Plane p, float level) {
        Plane out = new Plane(p.side, p.v.clone());
        for (int i = 0; i < out.v.length; i++) {
            out.v[i] = Math.min(1f, out.v[i] + level);
        }
        return out;
    }

    private static Plane stripe(Plane p, SplittableRandom random) {
        int width = 3 + random.nextInt(4), from = 4 + random.nextInt(p.side - 8 - width);
        Plane out = new Plane(p.side, p.v.clone());
        for (int y = 0; y < p.side; y++) {
            for (int x = from; x < from + width; x++) {
                out.v[y * p.side + x] = 1f - out.v[y * p.side + x];
            }
        }
        return out;
    }

    /** Plasma (diamond-square) noise on a 33x33 grid, scaled to the image, as fog over it. */
    private static Plane fog(Plane p, SplittableRandom random) {
        int n = 33;
        float[] g = new float[n * n];
        double roughness = 0.6, spread = 1;
        for (int step = n - 1; step > 1; step /= 2, spread *= roughness) {
            int half = step / 2;
            for (int y = half; y < n; y += step) {
                for (int x = half; x < n; x += step) {
                    float mean = (g[(y - half) * n + x - half] + g[(y - half) * n + x + half]
                            + g[(y + half) * n + x - half] + g[(y + half) * n + x + half]) / 4;
                    g[y * n + x] = (float) (mean + spread * (random.nextDouble() - 0.5));
                }
            }
            for (int y = 0; y < n; y += half) {
                for (int x = (y / half) % 2 == 0 ? half : 0; x < n; x += step) {
                    float s = 0;
                    int c = 0;
                    int[][] around = {{x - half, y}, {x + half, y}, {x, y - half}, {x, y + half}};
                    for (int[] a : around) {
                        if (a[0] >= 0 && a[1] >= 0 && a[0] < n && a[1] < n) {
                            s += g[a[1] * n + a[0]];
                            c++;
                        }
                    }
                    g[y * n + x] = (float) (s / c + spread * (random.nextDouble() - 0.5));
                }
            }
        }
        float min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
        for (float x : g) {
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        Plane out = new Plane(p.side);
        float peak = 0;
        for (float x : p.v) {
            peak = Math.max(peak, x);
        }
        double strength = 0.5;
        for (int y = 0; y < p.side; y++) {
            for (int x = 0; x < p.side; x++) {
                float fog = (g[(y * (n - 1) / (p.side - 1)) * n + x * (n - 1) / (p.side - 1)] - min) / (max - min + 1e-6f);
                out.v[y * p.side + x] = (float) ((p.v[y * p.side + x] + strength * fog) * peak / (peak + strength));
            }
        }
        return out;
    }

    private static Plane spatter(Plane p, SplittableRandom random) {
        Plane drops = new Plane(p.side);
        int count = 4 + random.nextInt(5);
        for (int k = 0; k < count; k++) {
            drops.dot(random.nextDouble() * p.side, random.nextDouble() * p.side, 0.8 + 1.6 * random.nextDouble(),
                    (float) (0.4 + 0.4 * random.nextDouble()));
        }
        drops = drops.blur(0.6);
        Plane out = new Plane(p.side);
        for (int i = 0; i < out.v.length; i++) {
            out.v[i] = Math.max(p.v[i], drops.v[i]);
        }
        return out;
    }

    /** A straight line between two random points on opposite sides: dotted ({@code spacing} > 1) or solid. */
    private static Plane across(Plane p, SplittableRandom random, double spacing, double radius) {
        Plane out = new Plane(p.side, p.v.clone());
        double last = p.side - 1;
        if (random.nextBoolean()) {
            out.line(0, random.nextDouble() * last, last, random.nextDouble() * last, radius, spacing, 1f);
        } else {
            out.line(random.nextDouble() * last, 0, random.nextDouble() * last, last, radius, spacing, 1f);
        }
        return out;
    }

    private static Plane zigzag(Plane p, SplittableRandom random) {
        Plane out = new Plane(p.side, p.v.clone());
        int turns = 3 + random.nextInt(3);
        double y = 4 + random.nextDouble() * (p.side - 8), x = 0, step = (p.side - 1.0) / turns;
        for (int t = 0; t < turns; t++) {
            double ny = Math.max(1, Math.min(p.side - 2, y + (t % 2 == 0 ? 1 : -1) * (4 + 6 * random.nextDouble())));
            out.line(x, y, x + step, ny, 0.7, 0.5, 1f);
            x += step;
            y = ny;
        }
        return out;
    }

    /** Sobel edges of the lightly blurred image, thresholded: the strokes' outlines. */
    private static Plane edges(Plane p) {
        Plane b = p.blur(0.6);
        Plane out = new Plane(p.side);
        float max = 0;
        float[] magnitude = new float[p.v.length];
        for (int y = 0; y < p.side; y++) {
            for (int x = 0; x < p.side; x++) {
                float gx = b.at(x + 1, y - 1) + 2 * b.at(x + 1, y) + b.at(x + 1, y + 1)
                        - b.at(x - 1, y - 1) - 2 * b.at(x - 1, y) - b.at(x - 1, y + 1);
                float gy = b.at(x - 1, y + 1) + 2 * b.at(x, y + 1) + b.at(x + 1, y + 1)
                        - b.at(x - 1, y - 1) - 2 * b.at(x, y - 1) - b.at(x + 1, y - 1);
                magnitude[y * p.side + x] = (float) Math.hypot(gx, gy);
                max = Math.max(max, magnitude[y * p.side + x]);
            }
        }
        for (int i = 0; i < out.v.length; i++) {
            out.v[i] = max > 0 && magnitude[i] > 0.35f * max ? 1f : 0f;
        }
        return out;
    }
}

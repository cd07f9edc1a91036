package dev.inkwell.examples;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Digits written with a pen rather than typeset: each digit is a few strokes through hand-placed
 * points, smoothed into curves, every point wobbled, the whole slanted, rotated and squeezed at
 * random, drawn with pens from a fine liner to a marker on canvases of 28 to 1,200 pixels, both
 * polarities, coloured ink and paper, PNG or JPEG. Closer to people's handwriting than fonts are.
 */
final class PenDigits {
    /** Strokes of each digit: lists of (x, y) points in the unit square, y downwards. */
    private static final double[][][][] STROKES = {
        {ellipse(0.5, 0.5, 0.24, 0.36)},
        {{{0.47, 0.2}, {0.55, 0.12}, {0.55, 0.88}}},
        {{{0.25, 0.3}, {0.4, 0.13}, {0.65, 0.15}, {0.72, 0.35}, {0.5, 0.6}, {0.25, 0.87}, {0.78, 0.85}}},
        {{{0.28, 0.2}, {0.55, 0.1}, {0.72, 0.25}, {0.48, 0.47}, {0.74, 0.65}, {0.6, 0.87}, {0.27, 0.82}}},
        {{{0.62, 0.12}, {0.25, 0.62}, {0.78, 0.62}}, {{0.62, 0.35}, {0.62, 0.9}}},
        {{{0.72, 0.14}, {0.36, 0.14}, {0.31, 0.45}, {0.55, 0.42}, {0.72, 0.6}, {0.62, 0.84}, {0.3, 0.85}}},
        {{{0.66, 0.13}, {0.42, 0.35}, {0.32, 0.65}, {0.45, 0.87}, {0.68, 0.76}, {0.62, 0.56}, {0.36, 0.6}}},
        {{{0.24, 0.18}, {0.76, 0.18}, {0.46, 0.88}}},
        {{{0.62, 0.2}, {0.5, 0.12}, {0.34, 0.22}, {0.4, 0.4}, {0.62, 0.55}, {0.66, 0.78}, {0.5, 0.88},
                {0.33, 0.78}, {0.38, 0.56}, {0.6, 0.4}, {0.66, 0.24}, {0.6, 0.18}}},
        {{{0.68, 0.3}, {0.52, 0.14}, {0.33, 0.25}, {0.38, 0.45}, {0.6, 0.44}, {0.68, 0.3}, {0.64, 0.6},
                {0.56, 0.88}}},
    };

    private PenDigits() {
    }

    static List<SyntheticDigits.Sample> generate(int count, long seed) {
        Random random = new Random(seed);
        List<SyntheticDigits.Sample> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(draw(i % 10, random));
        }
        return out;
    }

    private static SyntheticDigits.Sample draw(int digit, Random random) {
        int height = (int) Math.round(28 * Math.pow(1200 / 28.0, random.nextDouble()));
        int width = (int) Math.max(28, Math.round(height * (0.7 + 0.7 * random.nextDouble())));
        boolean darkInk = random.nextDouble() < 0.8;
        Color paper = SyntheticDigits.tint(random, darkInk ? 0.7 : 0.0, darkInk ? 1.0 : 0.2);
        Color ink = SyntheticDigits.tint(random, darkInk ? 0.0 : 0.75, darkInk ? 0.35 : 1.0);
        double pen = height * (0.012 + 0.1 * Math.pow(random.nextDouble(), 2));
        double size = (0.5 + 0.4 * random.nextDouble()) * height;
        double angle = Math.toRadians(-12 + 24 * random.nextDouble());
        double slant = -0.1 + 0.35 * random.nextDouble();
        double squeeze = 0.7 + 0.45 * random.nextDouble();
        double wobble = 0.035 * random.nextDouble();
        int quality = random.nextDouble() < 0.5 ? 0 : 40 + random.nextInt(56);

        AffineTransform at = new AffineTransform();
        at.translate(width * (0.5 + 0.2 * (random.nextDouble() - 0.5)), height * (0.5 + 0.2 * (random.nextDouble() - 0.5)));
        at.rotate(angle);
        at.shear(-slant, 0);
        at.scale(size * squeeze, size);
        at.translate(-0.5, -0.5);

        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setColor(paper);
        g.fillRect(0, 0, width, height);
        g.setColor(ink);
        write(g, digit, at, pen, wobble, random);
        g.dispose();
        String description = String.format("%d pen %.1f px on %dx%d, %s ink, %.0f° slant %.2f squeeze %.2f wobble %.3f %s",
                digit, pen, width, height, darkInk ? "dark" : "light", Math.toDegrees(angle), slant, squeeze, wobble,
                quality == 0 ? "png" : "jpeg q" + quality);
        return new SyntheticDigits.Sample(digit, SyntheticDigits.encode(image, quality), description);
    }

    /**
     * Writes {@code digit} with the graphics' colour: its strokes through the unit square placed by {@code at},
     * every point wobbled by {@code wobble}, with a round pen {@code pen} pixels wide.
     */
    static void write(Graphics2D g, int digit, AffineTransform at, double pen, double wobble, Random random) {
        g.setStroke(new BasicStroke((float) pen, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        for (double[][] stroke : STROKES[digit]) {
            double[][] points = new double[stroke.length][];
            for (int i = 0; i < stroke.length; i++) {
                points[i] = new double[] {stroke[i][0] + wobble * random.nextGaussian(),
                        stroke[i][1] + wobble * random.nextGaussian()};
            }
            g.draw(at.createTransformedShape(smooth(points)));
        }
    }

    /** A Catmull-Rom curve through the points, as Bézier segments. */
    private static Path2D smooth(double[][] p) {
        Path2D.Double path = new Path2D.Double();
        path.moveTo(p[0][0], p[0][1]);
        for (int i = 0; i + 1 < p.length; i++) {
            double[] p0 = p[Math.max(0, i - 1)], p1 = p[i], p2 = p[i + 1], p3 = p[Math.min(p.length - 1, i + 2)];
            path.curveTo(p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6,
                    p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6, p2[0], p2[1]);
        }
        return path;
    }

    private static double[][] ellipse(double cx, double cy, double rx, double ry) {
        double[][] points = new double[13][];
        for (int i = 0; i <= 12; i++) {
            double a = 2 * Math.PI * i / 12 - 0.3;
            points[i] = new double[] {cx + rx * Math.sin(a), cy - ry * Math.cos(a)};
        }
        return points;
    }
}

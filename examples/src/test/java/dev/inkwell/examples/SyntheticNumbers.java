package dev.inkwell.examples;

import dev.inkwell.mnist.MnistDataset;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Written numbers of 2 to 6 digits on a page, for reading tests: digits from one source (typeset in the
 * JDK's fonts, written with the pen simulator of {@link PenDigits}, or MNIST test digits), spaced from
 * touching to far apart, sizes from 4% of the page's height to most of it, a slightly rotated and uneven
 * line, tinted paper, specks, faint ruled lines, and now and then a digit whose stroke is broken; and typeset
 * numbers whose digits run into each other.
 */
public final class SyntheticNumbers {
    /** Where the digits come from. */
    public enum Source { FONT, PEN, MNIST }

    /** A number's image and what it says. */
    public record Sample(String digits, byte[] file, String description) {
    }

    private static final String[] FONTS = {Font.SERIF, Font.SANS_SERIF, Font.MONOSPACED, Font.DIALOG};

    private SyntheticNumbers() {
    }

    /** {@code count} numbers from {@code source}; {@code mnist} is needed for {@link Source#MNIST} only. */
    public static List<Sample> generate(int count, long seed, Source source, MnistDataset mnist) {
        Random random = new Random(seed);
        List<Sample> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(draw(random, source, mnist));
        }
        return out;
    }

    /**
     * {@code count} typeset numbers of 2 to 5 digits, each digit running 1 to 5 pixels into the next: one face
     * and weight per number, digits 40 to 80 pixels high on white paper.
     */
    public static List<Sample> touching(int count, long seed) {
        Random random = new Random(seed);
        List<Sample> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(drawTouching(random));
        }
        return out;
    }

    private static Sample drawTouching(Random random) {
        StringBuilder digits = new StringBuilder();
        for (int n = 2 + random.nextInt(4); digits.length() < n; ) {
            digits.append(random.nextInt(10));
        }
        String name = FONTS[random.nextInt(FONTS.length)];
        Font face = new Font(name, random.nextBoolean() ? Font.BOLD : Font.PLAIN, 100);
        int overlap = 1 + random.nextInt(5);
        int height = 40 + random.nextInt(41);
        BufferedImage page = new BufferedImage(60 + digits.length() * height, 2 * height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = page.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, page.getWidth(), page.getHeight());
        g.setColor(new Color(20, 20, 30));
        double x = 30;
        for (char c : digits.toString().toCharArray()) {
            Shape glyph = face.createGlyphVector(g.getFontRenderContext(), String.valueOf(c)).getOutline();
            Rectangle2D b = glyph.getBounds2D();
            double scale = height / b.getHeight();
            AffineTransform at = AffineTransform.getTranslateInstance(x, height / 2.0);
            at.scale(scale, scale);
            at.translate(-b.getX(), -b.getY());
            g.fill(at.createTransformedShape(glyph));
            x += b.getWidth() * scale - overlap;
        }
        g.dispose();
        String description = String.format("%s touching, %s %s, %d px high, %d px into each other", digits,
                face.getName(), face.isBold() ? "bold" : "plain", height, overlap);
        return new Sample(digits.toString(), SyntheticDigits.encode(page, 0), description);
    }

    private static Sample draw(Random random, Source source, MnistDataset mnist) {
        int n = 2 + random.nextInt(5);
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < n; i++) {
            digits.append(random.nextInt(10));
        }
        double height = 24 + 150 * random.nextDouble() * random.nextDouble();
        double[] gaps = new double[n];
        boolean tight = random.nextDouble() < 0.3;
        for (int i = 1; i < n; i++) {
            gaps[i] = height * (tight ? -0.02 + 0.1 * random.nextDouble() : 0.1 + 0.5 * random.nextDouble());
        }
        double lineWidth = n * 0.75 * height;
        for (double gap : gaps) {
            lineWidth += gap;
        }
        double pageShare = 0.04 + 0.8 * Math.pow(random.nextDouble(), 2); // the digits' height on the page
        int pageHeight = (int) Math.max(height * 1.25, height / pageShare);
        int pageWidth = (int) Math.max(lineWidth * 1.15 + 2 * height * 0.2, pageHeight * (0.8 + 1.2 * random.nextDouble()));
        pageWidth = (int) Math.min(pageWidth, Math.max(lineWidth * 1.3, 2400));
        Color paper = SyntheticDigits.tint(random, 0.8, 1.0);
        Color ink = SyntheticDigits.tint(random, 0.0, 0.3);
        double angle = Math.toRadians(-4 + 8 * random.nextDouble());
        boolean ruled = random.nextDouble() < 0.3, specks = random.nextDouble() < 0.4;

        BufferedImage image = new BufferedImage(pageWidth, pageHeight, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setColor(paper);
        g.fillRect(0, 0, pageWidth, pageHeight);
        double top = (pageHeight - height) * (0.2 + 0.6 * random.nextDouble());
        double left = (pageWidth - lineWidth) * (0.15 + 0.7 * random.nextDouble());
        if (ruled) {
            // faint lines, as on ruled paper, clear of the line of digits
            g.setColor(mix(paper, new Color(90, 120, 200), 0.25));
            g.setStroke(new BasicStroke((float) Math.max(1, height * 0.03)));
            for (double y = top - 0.4 * height; y > 0; y -= 1.6 * height) {
                g.draw(new Line2D.Double(0, y, pageWidth, y));
            }
            for (double y = top + 1.4 * height; y < pageHeight; y += 1.6 * height) {
                g.draw(new Line2D.Double(0, y, pageWidth, y));
            }
        }
        AffineTransform line = AffineTransform.getRotateInstance(angle, pageWidth / 2.0, top + height / 2);
        double x = left;
        List<String> broken = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            x += gaps[i];
            int digit = digits.charAt(i) - '0';
            double size = height * (0.9 + 0.2 * random.nextDouble());
            double y = top + height * 0.08 * random.nextGaussian();
            double width = 0.75 * height;
            AffineTransform place = new AffineTransform(line);
            place.translate(x, y);
            g.setColor(ink);
            switch (source) {
                case FONT -> font(g, place, digit, width, size, random);
                case PEN -> pen(g, place, digit, width, size, random);
                case MNIST -> mnist(g, place, mnistImage(mnist, digit, random), width, size, ink);
            }
            if (random.nextDouble() < 0.15) {
                // a gap across the stroke: the digit comes in two pieces
                g.setColor(paper);
                g.setStroke(new BasicStroke((float) (size * 0.03)));
                double cut = y + size * (0.3 + 0.4 * random.nextDouble());
                g.draw(line.createTransformedShape(new Line2D.Double(x - 2, cut, x + width + 2, cut)));
                broken.add(Integer.toString(i));
            }
            x += width;
        }
        if (specks) {
            g.setColor(ink);
            for (int k = 0; k < 1 + random.nextInt(6); k++) {
                double r = Math.max(1, height * 0.015 * random.nextDouble());
                g.fill(new java.awt.geom.Ellipse2D.Double(random.nextDouble() * pageWidth,
                        random.nextDouble() * pageHeight, r, r));
            }
        }
        g.dispose();
        String description = String.format("%s %s, digits %.0f px on %dx%d, %s, %.1f°%s%s%s", digits, source,
                height, pageWidth, pageHeight, tight ? "tight" : "spaced", Math.toDegrees(angle),
                ruled ? ", ruled" : "", specks ? ", specks" : "", broken.isEmpty() ? "" : ", broken " + broken);
        return new Sample(digits.toString(), SyntheticDigits.encode(image, random.nextDouble() < 0.3 ? 85 : 0),
                description);
    }

    private static void font(Graphics2D g, AffineTransform place, int digit, double width, double size, Random random) {
        int style = random.nextInt(4);
        Font f = new Font(FONTS[random.nextInt(FONTS.length)], style, 100);
        Shape glyph = f.createGlyphVector(g.getFontRenderContext(), Integer.toString(digit)).getOutline();
        Rectangle2D b = glyph.getBounds2D();
        double scale = size / b.getHeight();
        AffineTransform at = new AffineTransform(place);
        at.translate(width / 2, size / 2);
        at.scale(scale, scale);
        at.translate(-b.getCenterX(), -b.getCenterY());
        g.fill(at.createTransformedShape(glyph));
    }

    private static void pen(Graphics2D g, AffineTransform place, int digit, double width, double size, Random random) {
        AffineTransform at = new AffineTransform(place);
        at.translate(width / 2, size / 2);
        at.shear(-(-0.1 + 0.3 * random.nextDouble()), 0);
        at.scale(size * (0.8 + 0.3 * random.nextDouble()) * 1.15, size * 1.15);
        at.translate(-0.5, -0.5);
        PenDigits.write(g, digit, at, size * (0.04 + 0.08 * random.nextDouble()), 0.025 * random.nextDouble(), random);
    }

    private static byte[] mnistImage(MnistDataset mnist, int digit, Random random) {
        while (true) {
            int i = random.nextInt(mnist.size());
            if (mnist.label(i) == digit) {
                return mnist.image(i);
            }
        }
    }

    /** An MNIST digit (white on black, 20x20 box in a 28x28 field) drawn as ink of its grey levels. */
    private static void mnist(Graphics2D g, AffineTransform place, byte[] pixels, double width, double size, Color ink) {
        BufferedImage glyph = new BufferedImage(28, 28, BufferedImage.TYPE_INT_ARGB);
        for (int p = 0; p < 784; p++) {
            int alpha = pixels[p] & 0xFF;
            glyph.setRGB(p % 28, p / 28, alpha << 24 | (ink.getRGB() & 0xFFFFFF));
        }
        double scale = size / 20;
        AffineTransform at = new AffineTransform(place);
        at.translate(width / 2 - 14 * scale, size / 2 - 14 * scale);
        at.scale(scale, scale);
        g.drawImage(glyph, at, null);
    }

    private static Color mix(Color a, Color b, double t) {
        return new Color((int) (a.getRed() * (1 - t) + b.getRed() * t), (int) (a.getGreen() * (1 - t) + b.getGreen() * t),
                (int) (a.getBlue() * (1 - t) + b.getBlue() * t));
    }
}

package dev.inkwell.examples;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A test set no network has seen: digits drawn with Java2D from the fonts the JDK has (or given ones), in canvas
 * sizes from 20 to 1000 pixels, rotated up to 15 degrees, outlined to vary the stroke, anywhere on the
 * canvas, dark on light and light on dark, in coloured ink on tinted and shaded paper, saved as PNG
 * or as JPEG of varying quality. Fully determined by the seed.
 */
public final class SyntheticDigits {
    /** One drawn digit: its label, the encoded image file and how it was drawn. */
    public record Sample(int label, byte[] file, String description) {
    }

    private static final String[] FONTS = {Font.SERIF, Font.SANS_SERIF, Font.MONOSPACED, Font.DIALOG};
    private static final int[] STYLES = {Font.PLAIN, Font.BOLD, Font.ITALIC, Font.BOLD | Font.ITALIC};

    private SyntheticDigits() {
    }

    public static List<Sample> generate(int count, long seed) {
        return generate(count, seed, null);
    }

    /** As {@link #generate(int, long)}, the glyphs taken from these fonts (each in its own style) when not null. */
    public static List<Sample> generate(int count, long seed, List<Font> fonts) {
        Random random = new Random(seed);
        List<Sample> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(draw(i % 10, random, fonts));
        }
        return out;
    }

    private static Sample draw(int digit, Random random, List<Font> fonts) {
        int height = (int) Math.round(20 * Math.pow(50, random.nextDouble()));
        int width = (int) Math.max(20, Math.round(height * (0.7 + 0.8 * random.nextDouble())));
        boolean darkInk = random.nextDouble() < 0.7;
        Color paper = tint(random, darkInk ? 0.75 : 0.0, darkInk ? 1.0 : 0.25);
        Color ink = tint(random, darkInk ? 0.0 : 0.75, darkInk ? 0.3 : 1.0);
        String font = FONTS[random.nextInt(FONTS.length)];
        int style = STYLES[random.nextInt(STYLES.length)];
        double size = 0.45 + 0.45 * random.nextDouble();
        double angle = Math.toRadians(-15 + 30 * random.nextDouble());
        float outline = random.nextDouble() < 0.5 ? 0f : (float) (random.nextDouble() * 0.06);
        boolean shaded = random.nextDouble() < 0.3;
        int quality = random.nextDouble() < 0.5 ? 0 : 30 + random.nextInt(66);

        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(paper);
        g.fillRect(0, 0, width, height);
        if (shaded) {
            Color shadow = new Color(0, 0, 0, 40 + random.nextInt(50));
            g.setPaint(new GradientPaint(0, 0, shadow, width, height, new Color(0, 0, 0, 0)));
            g.fillRect(0, 0, width, height);
        }
        Font f = fonts == null ? new Font(font, style, 100) : fonts.get(random.nextInt(fonts.size())).deriveFont(100f);
        FontRenderContext frc = g.getFontRenderContext();
        Shape glyph = f.createGlyphVector(frc, Integer.toString(digit)).getOutline();
        Rectangle2D bounds = glyph.getBounds2D();
        double scale = size * height / bounds.getHeight();
        double free = Math.max(0, 1 - size);
        double cx = width * (0.5 + (random.nextDouble() - 0.5) * free * 0.8);
        double cy = height * (0.5 + (random.nextDouble() - 0.5) * free * 0.8);
        AffineTransform at = new AffineTransform();
        at.translate(cx, cy);
        at.rotate(angle);
        at.scale(scale, scale);
        at.translate(-bounds.getCenterX(), -bounds.getCenterY());
        Shape placed = at.createTransformedShape(glyph);
        g.setColor(ink);
        g.fill(placed);
        if (outline > 0) {
            g.setStroke(new BasicStroke((float) (outline * height), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(placed);
        }
        g.dispose();
        String description = String.format("%d %s/%d %dx%d %s ink %.0f° outline %.3f%s %s", digit,
                fonts == null ? font : f.getFontName(), fonts == null ? style : f.getStyle(),
                width, height, darkInk ? "dark" : "light", Math.toDegrees(angle), outline, shaded ? " shaded" : "",
                quality == 0 ? "png" : "jpeg q" + quality);
        return new Sample(digit, encode(image, quality), description);
    }

    public static Color tint(Random random, double from, double to) {
        float base = (float) (from + (to - from) * random.nextDouble());
        float spread = 0.12f;
        return new Color(clamp(base + spread * (random.nextFloat() - 0.5f)), clamp(base + spread * (random.nextFloat() - 0.5f)),
                clamp(base + spread * (random.nextFloat() - 0.5f)));
    }

    private static float clamp(float v) {
        return Math.max(0f, Math.min(1f, v));
    }

    /** PNG when quality is 0, else JPEG at quality/100. */
    public static byte[] encode(BufferedImage image, int quality) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            if (quality == 0) {
                ImageIO.write(image, "png", bytes);
                return bytes.toByteArray();
            }
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality / 100f);
            try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
                writer.setOutput(out);
                writer.write(null, new IIOImage(image, null, null), param);
            } finally {
                writer.dispose();
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.inkwell.mnist.image;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/** Hand-drawn test pictures: a "7"-like stroke figure drawn at any size, in any colours. */
final class TestImages {
    private TestImages() {
    }

    /**
     * A 7 (a bar and a slanted stem) drawn in a {@code width x height} canvas of type {@code type},
     * its strokes {@code stroke} times the canvas height wide, its top-left corner at ({@code left},
     * {@code top}) as fractions of the canvas, {@code size} the fraction of the height it spans.
     */
    static BufferedImage seven(int width, int height, int type, Color paper, Color ink, double stroke,
                               double left, double top, double size) {
        BufferedImage image = new BufferedImage(width, height, type);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        if (paper != null) {
            g.setColor(paper);
            g.fillRect(0, 0, width, height);
        }
        double s = size * height, x = left * width, y = top * height;
        Path2D.Double path = new Path2D.Double();
        path.moveTo(x, y);
        path.lineTo(x + 0.6 * s, y);
        path.lineTo(x + 0.25 * s, y + s);
        g.setColor(ink);
        g.setStroke(new BasicStroke((float) (stroke * height), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(path);
        g.dispose();
        return image;
    }

    static BufferedImage seven(int width, int height) {
        return seven(width, height, BufferedImage.TYPE_INT_RGB, Color.WHITE, Color.BLACK, 0.06, 0.3, 0.15, 0.7);
    }

    static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(image, format, out)) {
            throw new IOException("no " + format + " writer for image type " + image.getType());
        }
        return out.toByteArray();
    }

    /** Centre of mass of 28x28 bytes, {x, y} in pixel-index coordinates. */
    static double[] centreOfMass(byte[] pixels) {
        double mass = 0, mx = 0, my = 0;
        for (int i = 0; i < pixels.length; i++) {
            int v = pixels[i] & 0xFF;
            mass += v;
            mx += v * (i % 28);
            my += v * (i / 28);
        }
        return new double[] {mx / mass, my / mass};
    }

    /** {x0, y0, x1, y1}, inclusive, of the non-zero pixels of 28x28 bytes. */
    static int[] inkBox(byte[] pixels) {
        int x0 = 28, y0 = 28, x1 = -1, y1 = -1;
        for (int i = 0; i < pixels.length; i++) {
            if (pixels[i] != 0) {
                x0 = Math.min(x0, i % 28);
                x1 = Math.max(x1, i % 28);
                y0 = Math.min(y0, i / 28);
                y1 = Math.max(y1, i / 28);
            }
        }
        return new int[] {x0, y0, x1, y1};
    }

    /** Mean absolute difference of two byte images, 0..255. */
    static double difference(byte[] a, byte[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs((a[i] & 0xFF) - (b[i] & 0xFF));
        }
        return sum / a.length;
    }
}

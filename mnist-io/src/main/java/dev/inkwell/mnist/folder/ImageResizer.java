package dev.inkwell.mnist.folder;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * Scales any decoded image to side x side RGB: transparency composited over white, the whole picture
 * stretched to the square (class-folder images are framed by whoever made them), halving with bilinear
 * filtering first so that large reductions average every pixel instead of sampling a few.
 */
final class ImageResizer {
    private ImageResizer() {
    }

    static BufferedImage toSquare(BufferedImage image, int side) {
        BufferedImage current = flatten(image);
        int w = current.getWidth(), h = current.getHeight();
        while (w >= 2 * side || h >= 2 * side) {
            w = Math.max(side, w / 2);
            h = Math.max(side, h / 2);
            current = scaled(current, w, h);
        }
        return current.getWidth() == side && current.getHeight() == side ? current : scaled(current, side, side);
    }

    private static BufferedImage flatten(BufferedImage image) {
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, rgb.getWidth(), rgb.getHeight());
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return rgb;
    }

    private static BufferedImage scaled(BufferedImage image, int w, int h) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(image, 0, 0, w, h, null);
        g.dispose();
        return out;
    }
}

package dev.inkwell.mnist;

import dev.inkwell.io.AtomicFiles;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reading and writing 8-bit grey images as row-major bytes (0 black .. 255 white). */
public final class GreyImages {
    private GreyImages() {
    }

    /** Luminance (ITU-R BT.601 weights) of every pixel, row-major. */
    public static byte[] luminance(BufferedImage image) {
        int w = image.getWidth(), h = image.getHeight();
        byte[] out = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xFF, g = (rgb >> 8) & 0xFF, b = rgb & 0xFF;
                out[y * w + x] = (byte) Math.round(0.299 * r + 0.587 * g + 0.114 * b);
            }
        }
        return out;
    }

    /** Reads an image that already is MNIST-style: 28x28, white ink on black. */
    public static byte[] readMnistStyle(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException(file + ": is a directory");
        }
        BufferedImage image = ImageIO.read(file.toFile());
        if (image == null) {
            throw new IOException(file + ": not an image in a format this Java runtime reads (PNG, JPEG, BMP, GIF)");
        }
        if (image.getWidth() != Dataset.SIDE || image.getHeight() != Dataset.SIDE) {
            throw new IOException(file + ": " + image.getWidth() + "x" + image.getHeight() + " pixels; an MNIST-style "
                    + "image is 28x28");
        }
        return luminance(image);
    }

    /** Writes grey pixels as an 8-bit greyscale PNG, atomically. */
    public static void writePng(Path file, byte[] pixels, int width, int height) throws IOException {
        if (pixels.length != width * height) {
            throw new IllegalArgumentException(pixels.length + " pixels for " + width + "x" + height);
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setDataElements(0, 0, width, height, pixels);
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer in this Java runtime");
            }
        });
    }
}

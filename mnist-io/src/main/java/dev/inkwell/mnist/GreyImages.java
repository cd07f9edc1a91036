package dev.inkwell.mnist;

import dev.inkwell.io.AtomicFiles;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/** Writing 8-bit grey images given as row-major bytes (0 black .. 255 white). */
public final class GreyImages {
    private GreyImages() {
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

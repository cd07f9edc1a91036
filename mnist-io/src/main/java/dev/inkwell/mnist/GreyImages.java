package dev.inkwell.mnist;

import dev.inkwell.io.AtomicFiles;

import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;

/** Writing 8-bit grey images given as row-major bytes (0 black .. 255 white). */
public final class GreyImages {
    private GreyImages() {
    }

    /**
     * Writes grey pixels as an 8-bit greyscale PNG, atomically.
     *
     * @param file where to write
     * @param pixels the pixels, row-major
     * @param width the width
     * @param height the height
     * @throws IOException if the file cannot be written
     */
    public static void writePng(Path file, byte[] pixels, int width, int height) throws IOException {
        byte[] png = png(pixels, width, height);
        AtomicFiles.write(file, out -> out.write(png));
    }

    /**
     * Grey pixels as the bytes of an 8-bit greyscale PNG. Encoded in memory: {@code ImageIO.write} to
     * a stream would go through a temporary file.
     *
     * @param pixels the pixels, row-major
     * @param width the width
     * @param height the height
     * @return the PNG's bytes
     */
    public static byte[] png(byte[] pixels, int width, int height) {
        if (pixels.length != width * height) {
            throw new IllegalArgumentException(pixels.length + " pixels for " + width + "x" + height);
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setDataElements(0, 0, width, height, pixels);
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
        if (!writers.hasNext()) {
            throw new IllegalStateException("no PNG writer in this Java runtime");
        }
        ImageWriter writer = writers.next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(image);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}

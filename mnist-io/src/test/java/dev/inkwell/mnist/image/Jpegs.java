package dev.inkwell.mnist.image;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.image.Raster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/** JPEG files the JDK's ImageIO.write cannot make: four-channel (CMYK-like) ones. */
final class Jpegs {
    private Jpegs() {
    }

    static byte[] fromRaster(Raster raster) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(raster, null, null), null);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** The same JPEG with an Adobe APP14 segment declaring {@code transform} (0: CMYK). */
    static byte[] withAdobeMarker(byte[] jpeg, int transform) {
        byte[] app14 = {(byte) 0xFF, (byte) 0xEE, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, (byte) transform};
        byte[] out = new byte[jpeg.length + app14.length];
        System.arraycopy(jpeg, 0, out, 0, 2);
        System.arraycopy(app14, 0, out, 2, app14.length);
        System.arraycopy(jpeg, 2, out, 2 + app14.length, jpeg.length - 2);
        return out;
    }
}

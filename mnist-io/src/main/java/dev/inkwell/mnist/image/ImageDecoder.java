package dev.inkwell.mnist.image;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import java.awt.image.BufferedImage;
import java.awt.image.SampleModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Decodes PNG, JPEG, GIF and BMP images, recognised by their content, never their file name.
 * The image's size is read from its header and checked against a limit before any pixel is decoded,
 * damage the JDK's readers would pass over (PNG CRCs, truncation) is reported, and every failure is an
 * {@link ImageFormatException} naming the file. Instances are immutable and safe to share.
 */
public final class ImageDecoder {
    /** Default limit on width x height: a 40-megapixel photo is accepted, a decompression bomb is not. */
    public static final long DEFAULT_MAX_PIXELS = 40_000_000L;
    /** Larger files are refused before they are read. */
    public static final long MAX_FILE_BYTES = 256L << 20;
    /**
     * Limit on the decoded size, width x height x channels x bytes a sample, read from the header: what
     * decoding costs is bytes, not pixels (a 40-megapixel 16-bit RGBA image holds 320 MB). 160 MB admits a
     * 40-megapixel photo of 8-bit RGBA.
     */
    public static final long MAX_DECODED_BYTES = 160L << 20;

    private final long maxPixels;

    /** A decoder with the {@linkplain #DEFAULT_MAX_PIXELS default pixel limit}. */
    public ImageDecoder() {
        this(DEFAULT_MAX_PIXELS);
    }

    /**
     * A decoder that refuses images of more than {@code maxPixels} pixels.
     *
     * @param maxPixels the largest pixel count
     */
    public ImageDecoder(long maxPixels) {
        if (maxPixels < 1) {
            throw new IllegalArgumentException("maxPixels must be positive, got " + maxPixels);
        }
        this.maxPixels = maxPixels;
    }

    /**
     * Reads and decodes an image file.
     *
     * @param file the image file
     * @return the image
     * @throws IOException if the file cannot be read or is not a supported image within the limits
     */
    public BufferedImage decode(Path file) throws IOException {
        String source = file.toString();
        if (Files.isDirectory(file)) {
            throw new ImageFormatException(source, "is a directory, not an image");
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            // a FIFO or a device would be read until it ends, which may be never
            throw new ImageFormatException(source, "is not a regular file (a pipe or a device?)");
        }
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw new ImageFormatException(source, String.format(Locale.ROOT,
                    "%,d bytes is larger than the %,d-byte limit for an image file", size, MAX_FILE_BYTES));
        }
        return decode(Files.readAllBytes(file), source);
    }

    /**
     * Decodes an image held in memory; {@code source} names it in error messages.
     *
     * @param content the encoded image
     * @param source the name of the content
     * @return the image
     * @throws ImageFormatException if the bytes are not a supported image within the limits
     */
    public BufferedImage decode(byte[] content, String source) throws ImageFormatException {
        return withReader(content, source, (reader, format, working) -> {
            List<String> warnings = new ArrayList<>();
            reader.addIIOReadWarningListener((r, warning) -> warnings.add(warning));
            BufferedImage image = reader.read(0);
            if (!warnings.isEmpty()) {
                // The JPEG reader only warns about a truncated or corrupt stream and fills in grey.
                throw new ImageFormatException(source, "damaged " + format + ": " + warnings.get(0));
            }
            return image;
        });
    }

    /**
     * The memory that decoding {@code content} and preprocessing the image would take, read from its header
     * without decoding a pixel: what a server budgets before it starts a decode. The same limits as
     * {@link #decode(byte[], String)} apply.
     *
     * @param content the encoded image
     * @param source the name of the content
     * @return the bytes decoding and preprocessing hold at most
     * @throws ImageFormatException if the bytes are not a supported image within the limits
     */
    public long workingBytes(byte[] content, String source) throws ImageFormatException {
        return withReader(content, source, (reader, format, working) -> working);
    }

    /** What to do with a reader whose input is set and whose image size has been checked. */
    private interface ReaderAction<T> {
        T apply(ImageReader reader, ImageFormat format, long workingBytes) throws IOException;
    }

    private <T> T withReader(byte[] content, String source, ReaderAction<T> action) throws ImageFormatException {
        ImageFormat format = ImageFormat.recognise(content, source);
        if (format == ImageFormat.PNG) {
            PngStructure.check(content, source);
        }
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.readerName());
        if (!readers.hasNext()) {
            throw new ImageFormatException(source, "this Java runtime has no " + format + " reader");
        }
        ImageReader reader = readers.next();
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(content))) {
            reader.setInput(in, true, true);
            return action.apply(reader, format, checkSize(reader, source));
        } catch (ImageFormatException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // The JDK's decoders signal some corrupt inputs with runtime exceptions (index out of bounds,
            // negative sizes); to a caller they are all the same thing: a file that cannot be decoded.
            throw new ImageFormatException(source, "damaged " + format + ": " + describe(e), e);
        } finally {
            reader.dispose();
        }
    }

    /** Bytes a decoded pixel takes: its channels times its sample size, from the header (8 if unknown). */
    private static int decodedBytesPerPixel(ImageReader reader) throws IOException {
        Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
        if (types == null || !types.hasNext()) {
            return 8;
        }
        SampleModel m = types.next().getSampleModel();
        int bitsPerSample = 0;
        for (int b = 0; b < m.getNumBands(); b++) {
            bitsPerSample = Math.max(bitsPerSample, m.getSampleSize(b));
        }
        return Math.max(1, m.getNumBands() * Math.max(8, bitsPerSample) / 8);
    }

    /** Checks the header's size against the limits and returns the working memory of decoding it. */
    private long checkSize(ImageReader reader, String source) throws IOException {
        int width = reader.getWidth(0), height = reader.getHeight(0), bytesPerPixel = decodedBytesPerPixel(reader);
        long pixels = (long) width * height;
        if (width < 1 || height < 1) {
            throw new ImageFormatException(source, "declares an empty image (" + width + "x" + height + ")");
        }
        if (pixels > maxPixels) {
            throw new ImageFormatException(source, String.format(Locale.ROOT,
                    "%dx%d is %,d pixels, more than the limit of %,d", width, height, pixels, maxPixels));
        }
        long bytes = pixels * bytesPerPixel;
        if (bytes > MAX_DECODED_BYTES) {
            throw new ImageFormatException(source, String.format(Locale.ROOT,
                    "%dx%d at %d bytes a pixel decodes to %,d MB, more than the limit of %,d MB", width, height,
                    bytesPerPixel, bytes >> 20, MAX_DECODED_BYTES >> 20));
        }
        // decoding and then preprocessing hold the decoded image and a float plane of it: at least 8 bytes a pixel
        long working = pixels * Math.max(8, bytesPerPixel + 4);
        long heapShare = Runtime.getRuntime().maxMemory() / 3;
        if (working > heapShare) {
            throw new ImageFormatException(source, String.format(Locale.ROOT,
                    "%dx%d pixels would need more memory than this JVM may use (raise -Xmx)", width, height));
        }
        return working;
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    /** The formats recognised from their first bytes. */
    enum ImageFormat {
        PNG("png"), JPEG("jpeg"), GIF("gif"), BMP("bmp");

        private final String readerName;

        ImageFormat(String readerName) {
            this.readerName = readerName;
        }

        String readerName() {
            return readerName;
        }

        static ImageFormat recognise(byte[] b, String source) throws ImageFormatException {
            if (b.length == 0) {
                throw new ImageFormatException(source, "empty file");
            }
            if (startsWith(b, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
                return PNG;
            }
            if (startsWith(b, 0xFF, 0xD8, 0xFF)) {
                return JPEG;
            }
            if (startsWith(b, 'G', 'I', 'F', '8')) {
                return GIF;
            }
            if (startsWith(b, 'B', 'M') && b.length >= 26) {
                return BMP;
            }
            throw new ImageFormatException(source, unsupported(b));
        }

        private static String unsupported(byte[] b) {
            String head = new String(b, 0, Math.min(b.length, 12), StandardCharsets.ISO_8859_1);
            if (head.startsWith("II*\0") || head.startsWith("MM\0*")) {
                // the JDK's TIFF reader sizes its buffers from unchecked tags (found by fuzzing)
                return "TIFF images are not supported; convert it to PNG or JPEG";
            }
            if (head.startsWith("RIFF") && head.endsWith("WEBP")) {
                return "WebP images are not supported; convert it to PNG or JPEG";
            }
            if (head.length() >= 12 && head.startsWith("ftyp", 4)) {
                return "HEIF/HEIC/AVIF images are not supported; convert it to PNG or JPEG";
            }
            boolean text = true;
            for (int i = 0; i < Math.min(b.length, 512); i++) {
                int c = b[i] & 0xFF;
                text &= c >= 0x20 || c == '\n' || c == '\r' || c == '\t';
            }
            if (text) {
                return "a text file, not an image";
            }
            StringBuilder hex = new StringBuilder();
            for (int i = 0; i < Math.min(b.length, 8); i++) {
                hex.append(String.format(Locale.ROOT, " %02x", b[i] & 0xFF));
            }
            return "not a PNG, JPEG, GIF or BMP image (it starts with" + hex + ")";
        }

        private static boolean startsWith(byte[] b, int... prefix) {
            if (b.length < prefix.length) {
                return false;
            }
            for (int i = 0; i < prefix.length; i++) {
                if ((b[i] & 0xFF) != prefix[i]) {
                    return false;
                }
            }
            return true;
        }
    }
}

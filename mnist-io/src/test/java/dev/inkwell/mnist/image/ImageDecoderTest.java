package dev.inkwell.mnist.image;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Formats are told by content; damaged, foreign and oversized files are refused with their reason. */
class ImageDecoderTest {
    private static final ImageDecoder DECODER = new ImageDecoder();

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"png", "jpeg", "gif", "bmp"})
    void everyFormatIsRecognisedByItsContentNotItsName(String format) throws Exception {
        BufferedImage image = TestImages.seven(64, 48, format.equals("gif") ? BufferedImage.TYPE_BYTE_INDEXED
                : BufferedImage.TYPE_INT_RGB, java.awt.Color.WHITE, java.awt.Color.BLACK, 0.08, 0.3, 0.15, 0.7);
        Path misnamed = dir.resolve("digit.txt");
        Files.write(misnamed, TestImages.encode(image, format));
        BufferedImage decoded = DECODER.decode(misnamed);
        assertEquals(64, decoded.getWidth());
        assertEquals(48, decoded.getHeight());
    }

    @Test
    void damagedAndForeignFilesAreNamedWithTheirProblem() throws Exception {
        byte[] png = TestImages.encode(TestImages.seven(80, 80), "png");
        byte[] jpeg = TestImages.encode(TestImages.seven(80, 80), "jpeg");
        byte[] badCrc = png.clone();
        badCrc[png.length / 2] ^= 0x10;
        assertRefused(new byte[0], "empty file");
        assertRefused("just some words\n".getBytes(), "a text file, not an image");
        assertRefused(Arrays.copyOf(png, png.length - 12), "truncated PNG");
        assertRefused(Arrays.copyOf(png, png.length / 2), "truncated PNG");
        assertRefused(Arrays.copyOf(png, 20), "truncated PNG");
        assertRefused(badCrc, "fails its CRC check");
        assertRefused(Arrays.copyOf(jpeg, jpeg.length * 2 / 3), "damaged JPEG");
        assertRefused(Arrays.copyOf(jpeg, 200), "damaged JPEG");
        assertRefused("RIFF\0\0\0\0WEBPVP8 ".getBytes(), "WebP images are not supported");
        assertRefused(new byte[] {0, 0, 8, 3, 0, 0, 0, 1, 7}, "not a PNG, JPEG, GIF or BMP image (it starts with 00 00 08 03");
        assertRefused(TestImages.encode(TestImages.seven(20, 20), "tiff"), "TIFF images are not supported");
    }

    @Test
    void directoriesAndMissingFilesAreReported() {
        ImageFormatException e = assertThrows(ImageFormatException.class, () -> DECODER.decode(dir));
        assertTrue(e.getMessage().endsWith("is a directory, not an image"), e.getMessage());
        assertThrows(NoSuchFileException.class, () -> DECODER.decode(dir.resolve("absent.png")));
    }

    @Test
    void aHugeDeclaredSizeIsRefusedFromTheHeaderWithoutAllocating() throws Exception {
        byte[] pngBomb = pngHeaderOnly(100_000, 100_000);
        byte[] gifBomb = gifHeaderOnly(65_535, 65_535);
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (byte[] bomb : new byte[][] {pngBomb, gifBomb}) {
            DECODER.decode(TestImages.encode(TestImages.seven(10, 10), "png"), "warm-up");
            long before = threads.getCurrentThreadAllocatedBytes();
            ImageFormatException e = assertThrows(ImageFormatException.class, () -> DECODER.decode(bomb, "bomb"));
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertTrue(e.getMessage().contains("more than the limit of 40,000,000"), e.getMessage());
            assertTrue(allocated < 4 << 20, allocated + " bytes allocated to refuse it");
        }
        ImageDecoder small = new ImageDecoder(1000);
        byte[] fine = TestImages.encode(TestImages.seven(40, 40), "png");
        ImageFormatException e = assertThrows(ImageFormatException.class, () -> small.decode(fine, "x.png"));
        assertEquals("x.png: 40x40 is 1,600 pixels, more than the limit of 1,000", e.getMessage());
    }

    @Test
    void theDecodedSizeIsBoundedInBytesNotOnlyPixels() {
        // under the pixel limit, but 16-bit RGBA: 8 bytes a pixel, 305 MB decoded from a file of a few bytes
        byte[] deep = pngHeaderOnly(6324, 6324, 16, 6);
        ImageFormatException e = assertThrows(ImageFormatException.class, () -> DECODER.decode(deep, "deep.png"));
        assertEquals("deep.png: 6324x6324 at 8 bytes a pixel decodes to 305 MB, more than the limit of 160 MB",
                e.getMessage());
        // the same size in 8-bit grey passes the size checks (and fails later: its pixel data is missing)
        e = assertThrows(ImageFormatException.class,
                () -> DECODER.decode(pngHeaderOnly(6324, 6324), "grey.png"));
        assertTrue(!e.getMessage().contains("limit"), e.getMessage());
    }

    private static void assertRefused(byte[] content, String reason) {
        ImageFormatException e = assertThrows(ImageFormatException.class, () -> DECODER.decode(content, "in.png"));
        assertTrue(e.getMessage().startsWith("in.png: ") && e.getMessage().contains(reason),
                "expected '" + reason + "', got: " + e.getMessage());
    }

    /** A valid PNG signature, IHDR and IEND declaring an 8-bit grey width x height, with one tiny IDAT. */
    static byte[] pngHeaderOnly(int width, int height) {
        return pngHeaderOnly(width, height, 8, 0);
    }

    /** The same with another bit depth and colour type (6: RGBA). */
    static byte[] pngHeaderOnly(int width, int height, int bitDepth, int colourType) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10});
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) bitDepth)
                .put((byte) colourType);
        chunk(out, "IHDR", ihdr.array());
        chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9C, 3, 0, 0, 0, 0, 1});
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typed = new byte[4 + data.length];
        System.arraycopy(type.getBytes(), 0, typed, 0, 4);
        System.arraycopy(data, 0, typed, 4, data.length);
        CRC32 crc = new CRC32();
        crc.update(typed);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typed);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /** A GIF whose screen and only image declare width x height, with no pixel data. */
    static byte[] gifHeaderOnly(int width, int height) {
        ByteBuffer b = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
        b.put("GIF89a".getBytes()).putShort((short) width).putShort((short) height).put((byte) 0).putShort((short) 0);
        b.put((byte) 0x2C).putShort((short) 0).putShort((short) 0).putShort((short) width).putShort((short) height)
                .put((byte) 0).put((byte) 2).put((byte) 0).put((byte) 0x3B);
        return Arrays.copyOf(b.array(), b.position());
    }
}

package dev.inkwell.mnist.image;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each preprocessing step on pictures whose right answer is known. */
class DigitPreprocessorTest {
    private static final DigitPreprocessor PRE = new DigitPreprocessor();

    private static byte[] mnist(BufferedImage image) throws Exception {
        return DigitPreprocessor.toMnist(image, "test image");
    }

    @ParameterizedTest
    @ValueSource(ints = {20, 28, 57, 300, 1000, 3000})
    void inkFitsTwentyPixelsAndItsCentreOfMassIsAtTheCentre(int side) throws Exception {
        // off-centre on a wide canvas: the framing must not depend on where the digit was drawn
        byte[] out = mnist(TestImages.seven(side * 3 / 2, side, BufferedImage.TYPE_INT_RGB, Color.WHITE,
                Color.BLACK, 0.08, 0.6, 0.1, 0.6));
        double[] com = TestImages.centreOfMass(out);
        assertEquals(DigitFramer.CENTRE, com[0], 0.5, "x centre of mass at side " + side);
        assertEquals(DigitFramer.CENTRE, com[1], 0.5, "y centre of mass at side " + side);
        int[] box = TestImages.inkBox(out);
        int w = box[2] - box[0] + 1, h = box[3] - box[1] + 1;
        assertEquals(20, Math.max(w, h), "longer side of the ink at side " + side);
        assertTrue(w <= 20 && h <= 20);
        assertTrue(h > w, "a 7 stays taller than wide: " + w + "x" + h);
    }

    @Test
    void polarityIsDetected() throws Exception {
        byte[] darkOnLight = mnist(TestImages.seven(200, 200));
        byte[] lightOnDark = mnist(TestImages.seven(200, 200, BufferedImage.TYPE_INT_RGB, Color.BLACK, Color.WHITE,
                0.06, 0.3, 0.15, 0.7));
        assertTrue(TestImages.difference(darkOnLight, lightOnDark) < 2, "same digit either way");
        assertTrue((darkOnLight[0] & 0xFF) == 0 && maxOf(darkOnLight) == 255, "white ink on black, full contrast");
    }

    @Test
    void tintedShadedPaperAndColouredInkGiveTheCleanDigit() throws Exception {
        byte[] clean = mnist(TestImages.seven(400, 400));
        BufferedImage photo = TestImages.seven(400, 400, BufferedImage.TYPE_INT_RGB, new Color(236, 222, 190),
                new Color(30, 40, 140), 0.06, 0.3, 0.15, 0.7);
        Graphics2D g = photo.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(0, 0, 0, 110), 400, 400, new Color(0, 0, 0, 0)));
        g.fillRect(0, 0, 400, 400);
        g.dispose();
        addNoise(photo, 12, 1);
        byte[] out = PRE.read(TestImages.encode(photo, "jpeg"), "photo.jpg");
        assertTrue(TestImages.difference(clean, out) < 12, "difference " + TestImages.difference(clean, out));
        assertEquals(0, out[0], "paper is black even in the shadowed corner");
    }

    @Test
    void strokesOnATransparentCanvasAreReadEitherColour() throws Exception {
        byte[] reference = mnist(TestImages.seven(200, 200));
        for (Color ink : new Color[] {Color.BLACK, Color.WHITE, new Color(200, 30, 30)}) {
            BufferedImage canvas = TestImages.seven(200, 200, BufferedImage.TYPE_INT_ARGB, null, ink, 0.06, 0.3, 0.15, 0.7);
            byte[] out = PRE.read(TestImages.encode(canvas, "png"), "canvas.png");
            assertTrue(TestImages.difference(reference, out) < 2, ink + ": " + TestImages.difference(reference, out));
        }
    }

    @Test
    void greyImagesAreReadAtTheirTrueLevels() throws Exception {
        byte[] reference = mnist(TestImages.seven(100, 100));
        for (int type : new int[] {BufferedImage.TYPE_BYTE_GRAY, BufferedImage.TYPE_USHORT_GRAY}) {
            BufferedImage grey = TestImages.seven(100, 100, type, Color.WHITE, Color.BLACK, 0.06, 0.3, 0.15, 0.7);
            byte[] out = PRE.read(TestImages.encode(grey, "png"), "grey.png");
            assertTrue(TestImages.difference(reference, out) < 2, "type " + type);
        }
        // mid-grey must stay mid-grey: read through getRGB it would come out about 186, not 128
        BufferedImage flat = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
        flat.getRaster().setSamples(0, 0, 2, 1, 0, new int[] {128, 128});
        assertEquals(128 / 255f, Luminance.of(flat, 512).at(0, 0), 1e-6);
    }

    @Test
    void fourChannelJpegsAreRead() throws Exception {
        // Adobe's convention, which the JDK follows: stored 255 is no ink. The JDK converts through a CMYK
        // colour profile whose dot gain darkens the edges: hence the looser bound.
        byte[] reference = mnist(TestImages.seven(120, 120));
        BufferedImage rgb = TestImages.seven(120, 120);
        WritableRaster cmyk = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 120, 120, 4, null);
        for (int y = 0; y < 120; y++) {
            for (int x = 0; x < 120; x++) {
                int paperShowing = rgb.getRGB(x, y) & 0xFF;
                cmyk.setPixel(x, y, new int[] {255, 255, 255, paperShowing});
            }
        }
        byte[] plain = Jpegs.fromRaster(cmyk);
        byte[][] files = {plain, Jpegs.withAdobeMarker(plain, 0)};
        for (int i = 0; i < files.length; i++) {
            byte[] out = PRE.read(files[i], "cmyk.jpg");
            assertTrue(TestImages.difference(reference, out) < 20, i + ": difference " + TestImages.difference(reference, out));
        }
    }

    @Test
    void specksAwayFromTheDigitAreIgnored() throws Exception {
        byte[] clean = mnist(TestImages.seven(300, 300));
        BufferedImage specked = TestImages.seven(300, 300);
        Graphics2D g = specked.createGraphics();
        g.setColor(Color.BLACK);
        g.fillOval(10, 280, 5, 5);
        g.fillOval(285, 12, 4, 4);
        g.dispose();
        assertTrue(TestImages.difference(clean, mnist(specked)) < 1);
    }

    @Test
    void theTableAroundAPhotographedPageIsNotInk() throws Exception {
        // a pen stroke of 8 pixels; the table shows along the left and bottom edges
        byte[] clean = mnist(TestImages.seven(400, 400, BufferedImage.TYPE_INT_RGB, Color.WHITE, Color.BLACK, 0.02,
                0.3, 0.15, 0.7));
        BufferedImage photo = TestImages.seven(400, 400, BufferedImage.TYPE_INT_RGB, Color.WHITE, Color.BLACK, 0.02,
                0.3, 0.15, 0.7);
        Graphics2D g = photo.createGraphics();
        g.setColor(new Color(60, 45, 35));
        g.fillRect(0, 0, 50, 400);
        g.fillRect(0, 365, 400, 35);
        g.dispose();
        assertTrue(TestImages.difference(clean, mnist(photo)) < 2);
    }

    @Test
    void aTightlyCroppedBoldDigitTouchingTheEdgesIsKept() throws Exception {
        // a bold 1 cropped to its strokes: it touches top and bottom, and nothing else is there
        BufferedImage one = new BufferedImage(30, 120, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = one.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 30, 120);
        g.setColor(Color.BLACK);
        g.fillRect(4, 0, 22, 120);
        g.dispose();
        int[] box = TestImages.inkBox(mnist(one));
        assertEquals(20, box[3] - box[1] + 1, "the stroke is the digit, 20 pixels tall");
    }

    @Test
    void aFinePenOnALargePageIsThickenedToMnistStrokes() throws Exception {
        BufferedImage fine = TestImages.seven(1200, 1200, BufferedImage.TYPE_INT_RGB, Color.WHITE, Color.BLACK,
                0.002, 0.3, 0.15, 0.7);
        byte[] out = mnist(fine);
        float[] values = new float[out.length];
        for (int i = 0; i < out.length; i++) {
            values[i] = (out[i] & 0xFF) / 255f;
        }
        double width = DigitFramer.strokeWidth(new GreyPlane(28, 28, values));
        assertTrue(width >= DigitFramer.THIN_STROKE, "stroke " + width + " px");
        assertEquals(255, maxOf(out));
    }

    @Test
    void aBlankPageIsNotADigit() {
        BufferedImage blank = new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = blank.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(250, 245, 230), 300, 200, new Color(170, 165, 150)));
        g.fillRect(0, 0, 300, 200);
        g.dispose();
        addNoise(blank, 6, 2);
        NoDigitException e = assertThrows(NoDigitException.class,
                () -> PRE.read(TestImages.encode(blank, "jpeg"), "blank.jpg"));
        assertTrue(e.getMessage().startsWith("blank.jpg: no digit found"), e.getMessage());

        BufferedImage dust = new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB);
        g = dust.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 300, 200);
        g.setColor(Color.BLACK);
        g.fillRect(100, 100, 2, 2);
        g.dispose();
        assertThrows(NoDigitException.class, () -> mnist(dust));
    }

    @Test
    void rawReadingKeepsPixelsAsTheyAreAndRefusesOtherSizes(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        byte[] pixels = new byte[28 * 28];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 7);
        }
        java.nio.file.Path file = dir.resolve("digit.png");
        dev.inkwell.mnist.GreyImages.writePng(file, pixels, 28, 28);
        org.junit.jupiter.api.Assertions.assertArrayEquals(pixels, PRE.readRaw(file));
        java.nio.file.Path big = dir.resolve("big.png");
        java.nio.file.Files.write(big, TestImages.encode(TestImages.seven(60, 60), "png"));
        ImageFormatException e = assertThrows(ImageFormatException.class, () -> PRE.readRaw(big));
        assertTrue(e.getMessage().contains("60x60") && e.getMessage().contains("28x28"), e.getMessage());
    }

    private static int maxOf(byte[] b) {
        int m = 0;
        for (byte x : b) {
            m = Math.max(m, x & 0xFF);
        }
        return m;
    }

    private static void addNoise(BufferedImage image, int amplitude, long seed) {
        Random random = new Random(seed);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y), n = (int) Math.round(random.nextGaussian() * amplitude);
                int r = clamp(((rgb >> 16) & 0xFF) + n), gr = clamp(((rgb >> 8) & 0xFF) + n), b = clamp((rgb & 0xFF) + n);
                image.setRGB(x, y, (r << 16) | (gr << 8) | b);
            }
        }
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}

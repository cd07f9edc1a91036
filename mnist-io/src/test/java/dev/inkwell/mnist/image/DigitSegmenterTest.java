package dev.inkwell.mnist.image;

import dev.inkwell.mnist.reader.DigitReader;
import org.junit.jupiter.api.Test;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Finding the digits of a number: spacing, broken strokes, specks, ruled lines and page sizes without a model
 * (every piece judged equally digit-like, so the geometry alone decides); touching digits with the
 * pretrained model judging where to cut.
 */
class DigitSegmenterTest {
    private static final int HEIGHT = 60;

    /** Draws {@code text} in a sans-serif face, digits {@code HEIGHT} high, {@code gap} apart. */
    private static BufferedImage number(String text, int pageWidth, int pageHeight, int left, int top, double gap) {
        BufferedImage page = new BufferedImage(pageWidth, pageHeight, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = page.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, pageWidth, pageHeight);
        g.setColor(new Color(20, 20, 30));
        double x = left;
        for (char c : text.toCharArray()) {
            Shape glyph = new Font(Font.SANS_SERIF, Font.BOLD, 100).createGlyphVector(g.getFontRenderContext(),
                    String.valueOf(c)).getOutline();
            Rectangle2D b = glyph.getBounds2D();
            double scale = HEIGHT / b.getHeight();
            AffineTransform at = AffineTransform.getTranslateInstance(x, top);
            at.scale(scale, scale);
            at.translate(-b.getX(), -b.getY());
            g.fill(at.createTransformedShape(glyph));
            x += b.getWidth() * scale + gap;
        }
        g.dispose();
        return page;
    }

    private static List<LocatedDigit> digits(BufferedImage image) throws NoDigitException {
        return DigitPreprocessor.digitsOf(image, "test", pixels -> 1.0);
    }

    @Test
    void spacedDigitsAreFoundLeftToRightWithTheirBoxes() throws Exception {
        List<LocatedDigit> found = digits(number("2026", 400, 120, 40, 30, 20));
        assertEquals(4, found.size());
        for (int i = 0; i < found.size(); i++) {
            LocatedDigit d = found.get(i);
            assertTrue(d.y() >= 28 && d.y() + d.height() <= 92, "box " + i + " within the line: " + d);
            assertTrue(i == 0 || d.x() > found.get(i - 1).x() + found.get(i - 1).width(), "left to right, apart");
            assertEquals(784, d.pixels().length);
        }
    }

    @Test
    void touchingDigitsAreCutApartWhereTheModelReadsThemBest() throws Exception {
        DigitReader reader = DigitReader.pretrained();
        // a negative gap: each digit runs into the next
        for (String number : List.of("00", "808", "1234", "4469", "90210")) {
            assertEquals(number, reader.readNumber(number(number, 500, 120, 40, 30, -4), number).digits());
        }
    }

    @Test
    void aBrokenDigitStaysOneDigit() throws Exception {
        BufferedImage page = number("5", 200, 120, 70, 30, 0);
        Graphics2D g = page.createGraphics();
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke(4));
        // cut the flag off the body, and the body in two
        g.draw(new Line2D.Double(60, 47, 140, 47));
        g.draw(new Line2D.Double(60, 70, 140, 70));
        g.dispose();
        assertEquals(1, digits(page).size());
    }

    @Test
    void specksAndRuledLinesAreNotDigits() throws Exception {
        BufferedImage page = number("47", 600, 400, 250, 170, 25);
        Graphics2D g = page.createGraphics();
        g.setColor(new Color(30, 30, 40));
        g.setStroke(new BasicStroke(2));
        for (int y = 40; y < 400; y += 100) {
            g.draw(new Line2D.Double(0, y, 600, y)); // dark ruled lines, clear of the digits
        }
        g.fillOval(100, 300, 4, 4);
        g.fillOval(500, 80, 3, 3);
        g.dispose();
        assertEquals(2, digits(page).size());
    }

    @Test
    void aSmallDigitOnALargePageIsFound() throws Exception {
        BufferedImage page = number("6", 1000, 1000, 880, 900, 0);
        byte[] framed = DigitPreprocessor.toMnist(page, "a 6 near the corner");
        int[] box = TestImages.inkBox(framed);
        assertTrue(box[3] - box[1] >= 18, "framed as MNIST does, 20 pixels high");
        assertEquals(1, digits(page).size());
    }
}

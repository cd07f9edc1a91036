package dev.inkwell.examples;

import dev.inkwell.mnist.reader.DigitReader;
import dev.inkwell.testing.VectorPass;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 1s written four ways, read by the pretrained model: bare, with a flag of 15-30% of the height, with
 * flag and foot, and with a long flag (35-45%), 100 of each (seed 3), pens 3-12% of the height, slanted.
 * The long flag is where a model trained on MNIST's American 1s reads 7 (see {@code train --european-ones}).
 */
@Tag(VectorPass.TAG)
class EuropeanOnesReadingTest {
    private static final String[] KINDS = {"bare", "flag", "flag and foot", "long flag"};

    @Test
    void onesWithFlagsAndFeetAreReadAsOnes() throws Exception {
        DigitReader reader = DigitReader.pretrained();
        Random random = new Random(3);
        int[] right = new int[KINDS.length];
        for (int i = 0; i < 100 * KINDS.length; i++) {
            int kind = i % KINDS.length;
            if (reader.read(one(kind, random), KINDS[kind]).label().equals("1")) {
                right[kind]++;
            }
        }
        StringBuilder report = new StringBuilder();
        for (int k = 0; k < KINDS.length; k++) {
            report.append(String.format("%s: %d/100%n", KINDS[k], right[k]));
        }
        System.out.print(report);
        // measured 2026-12-06: 100, 92, 100 and 56 of 100 (with --european-ones in training: 100, 100, 100, 96)
        assertTrue(right[0] >= 98 && right[1] >= 89 && right[2] >= 97 && right[3] >= 50, report.toString());
    }

    /** A 1 150 pixels high on a 200x200 page, drawn with a round pen. */
    private static BufferedImage one(int kind, Random random) {
        BufferedImage image = new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 200, 200);
        g.setColor(Color.BLACK);
        double h = 150, pen = h * (0.03 + 0.09 * random.nextDouble());
        g.setStroke(new BasicStroke((float) pen, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        double slant = (-0.05 + 0.2 * random.nextDouble()) * h;
        double topX = 100 + slant / 2, topY = 25, bottomX = 100 - slant / 2, bottomY = 175;
        double flag = kind == 3 ? 0.35 + 0.1 * random.nextDouble() : 0.15 + 0.15 * random.nextDouble();
        double angle = Math.toRadians(25 + 35 * random.nextDouble()); // below the horizontal
        Path2D stroke = new Path2D.Double();
        if (kind >= 1) {
            stroke.moveTo(topX - flag * h * Math.cos(angle), topY + flag * h * Math.sin(angle));
            stroke.lineTo(topX, topY);
        } else {
            stroke.moveTo(topX, topY);
        }
        stroke.lineTo(bottomX, bottomY);
        if (kind == 2) {
            double foot = (0.2 + 0.15 * random.nextDouble()) * h;
            stroke.moveTo(bottomX - foot, bottomY);
            stroke.lineTo(bottomX + foot, bottomY);
        }
        g.draw(stroke);
        g.dispose();
        return image;
    }
}

package dev.inkwell.examples;

import dev.inkwell.init.Rng;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A class-per-folder dataset drawn for tests: rings, squares and crosses of random size, place, stroke and
 * colour on random paper, 40 to 120 pixels, PNG and JPEG; grey, or in colour (the class is in the shape,
 * never in the colour).
 */
public final class ShapeImages {
    /** The class folders, in label order. */
    public static final List<String> CLASSES = List.of("cross", "ring", "square");

    private ShapeImages() {
    }

    /** {@code perClass} pictures of each class, seeded. */
    public static void draw(Path split, int perClass, boolean colour, long seed) throws Exception {
        Rng rng = new Rng(seed);
        for (int c = 0; c < CLASSES.size(); c++) {
            Path folder = Files.createDirectories(split.resolve(CLASSES.get(c)));
            for (int i = 0; i < perClass; i++) {
                int side = 40 + rng.nextInt(81);
                BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
                Graphics2D g = image.createGraphics();
                g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
                int paper = 200 + rng.nextInt(56);
                g.setColor(colour ? new Color(paper, 255 - rng.nextInt(60), 255 - rng.nextInt(60)) : new Color(paper, paper, paper));
                g.fillRect(0, 0, side, side);
                int ink = rng.nextInt(90);
                g.setColor(colour ? new Color(rng.nextInt(160), rng.nextInt(160), rng.nextInt(160)) : new Color(ink, ink, ink));
                g.setStroke(new BasicStroke(side * (0.05f + 0.06f * (float) rng.nextDouble())));
                int size = (int) (side * (0.45 + 0.35 * rng.nextDouble()));
                int x = rng.nextInt(side - size), y = rng.nextInt(side - size);
                switch (CLASSES.get(c)) {
                    case "ring" -> g.drawOval(x, y, size, size);
                    case "square" -> g.drawRect(x, y, size, size);
                    default -> {
                        g.drawLine(x, y, x + size, y + size);
                        g.drawLine(x + size, y, x, y + size);
                    }
                }
                g.dispose();
                String format = i % 3 == 0 ? "jpg" : "png";
                ImageIO.write(image, format, folder.resolve(String.format("%03d.%s", i, format)).toFile());
            }
        }
    }
}

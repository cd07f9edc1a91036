package dev.inkwell.examples;

import dev.inkwell.init.Rng;
import dev.inkwell.model.Model;
import dev.inkwell.nn.ComputeContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A class-per-folder dataset end to end through the commands: {@code train --dataset DIR --image-size 28},
 * {@code eval --model M --dataset DIR} and {@code predict --model M IMAGE} print class names. The folders are
 * drawn here: rings, squares and crosses of random size, place, stroke and colour on random paper, 40 to 120
 * pixels, PNG and JPEG; grey, or in colour (the class is in the shape, never in the colour).
 */
class ImageFolderTrainingTest {
    private static final List<String> CLASSES = List.of("cross", "ring", "square");
    private static final Pattern ACCURACY = Pattern.compile("Accuracy: ([\\d,]+)/([\\d,]+)");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"grey", "colour"})
    void trainEvaluateAndPredictOnAFolderOfImages(String kind) throws Exception {
        boolean colour = kind.equals("colour");
        Path data = dir.resolve("shapes");
        draw(data.resolve("train"), 80, colour, 1);
        draw(data.resolve("test"), 30, colour, 2);
        Path model = dir.resolve("shapes.inkwell");

        var trained = CommandRunner.run(TrainMnist::run, TrainMnist.USAGE, "--dataset", data.toString(),
                "--image-size", "28", "--epochs", "12", "--batch-size", "16", "--out", model.toString());
        assertEquals(0, trained.status(), trained.err() + trained.out());
        Model m = Model.load(model, ComputeContext.withThreads(1), 1);
        assertEquals(CLASSES, m.classNames());
        assertEquals(colour ? 3 : 1, m.inputShape().dim(0), "channels detected");
        assertEquals(colour ? 3 : 1, m.mean().length, "one mean per channel");

        var evaluated = CommandRunner.run(EvaluateMnist::run, EvaluateMnist.USAGE, "--model", model.toString(),
                "--dataset", data.toString());
        assertEquals(0, evaluated.status(), evaluated.err());
        Matcher a = ACCURACY.matcher(evaluated.out());
        assertTrue(a.find(), evaluated.out());
        int correct = Integer.parseInt(a.group(1).replace(",", ""));
        System.out.printf("%s shapes: %d/%s test images correct%n", kind, correct, a.group(2));
        assertEquals("90", a.group(2));
        assertTrue(correct >= 85, correct + "/90 correct (89 grey, 87 colour when written):\n" + evaluated.out());
        for (String c : CLASSES) {
            assertTrue(evaluated.out().contains(c), "per-class report names " + c + ":\n" + evaluated.out());
        }

        Path ring = data.resolve("test/ring").resolve(firstFile(data.resolve("test/ring")));
        var predicted = CommandRunner.run(PredictDigits::run, PredictDigits.USAGE, "--model", model.toString(),
                ring.toString());
        assertEquals(0, predicted.status(), predicted.err());
        String[] fields = predicted.out().strip().split("\t");
        assertEquals(ring.toString(), fields[0]);
        assertTrue(CLASSES.contains(fields[1]), "a class name: " + predicted.out());
    }

    private static String firstFile(Path folder) throws Exception {
        try (var files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().findFirst().orElseThrow();
        }
    }

    /** {@code perClass} pictures of each class, seeded. */
    private static void draw(Path split, int perClass, boolean colour, long seed) throws Exception {
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

package dev.inkwell.examples.cli;

import dev.inkwell.examples.ShapeImages;
import dev.inkwell.model.Model;
import dev.inkwell.nn.ComputeContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A class-per-folder dataset end to end through the commands: {@code train --dataset DIR --image-size 28},
 * {@code eval --model M --dataset DIR} and {@code predict --model M IMAGE} print class names, on folders of
 * {@link ShapeImages}, grey and in colour.
 */
class ImageFolderTrainingTest {
    private static final List<String> CLASSES = ShapeImages.CLASSES;
    private static final Pattern ACCURACY = Pattern.compile("Accuracy: ([\\d,]+)/([\\d,]+)");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"grey", "colour"})
    void trainEvaluateAndPredictOnAFolderOfImages(String kind) throws Exception {
        boolean colour = kind.equals("colour");
        Path data = dir.resolve("shapes");
        ShapeImages.draw(data.resolve("train"), 80, colour, 1);
        ShapeImages.draw(data.resolve("test"), 30, colour, 2);
        Path model = dir.resolve("shapes.inkwell");

        var trained = CommandRunner.run(TrainCommand::run, TrainCommand.USAGE, "--dataset", data.toString(),
                "--image-size", "28", "--arch", "nets", "--epochs", "12", "--batch-size", "16", "--out",
                model.toString());
        assertEquals(0, trained.status(), trained.err() + trained.out());
        Model m = Model.load(model, ComputeContext.withThreads(1), 1);
        assertEquals(CLASSES, m.classNames());
        assertEquals(colour ? 3 : 1, m.inputShape().dim(0), "channels detected");
        assertEquals(colour ? 3 : 1, m.mean().length, "one mean per channel");

        var evaluated = CommandRunner.run(EvalCommand::run, EvalCommand.USAGE, "--model", model.toString(),
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
        var predicted = CommandRunner.run(PredictCommand::run, PredictCommand.USAGE, "--model", model.toString(),
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
}

package dev.inkwell.examples;

import dev.inkwell.testing.SharedData;
import dev.inkwell.testing.VectorPass;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The example programs for library users run to their end and print what they promise. */
@Tag(VectorPass.TAG)
class ExampleProgramsTest {
    @TempDir
    Path dir;

    private static String run(ThrowingMain program) throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            program.run();
        } finally {
            System.setOut(old);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        System.out.print(printed);
        return printed;
    }

    @FunctionalInterface
    private interface ThrowingMain {
        void run() throws Exception;
    }

    @Test
    void customLayerInAResidualBlockTrainsSavesAndLoads() throws Exception {
        SharedData.datasets(); // MNIST from $INKWELL_DATA
        String out = run(() -> CustomLayerExample.main(new String[] {"3000"}));
        assertTrue(out.contains("res1.prelu1.weight") || out.contains("prelu1"), out);
        assertTrue(out.contains("the same outputs, bit for bit"), out);
        double accuracy = Double.parseDouble(out.replaceAll("(?s).*one epoch on 3,000 images: ([\\d.]+)%.*", "$1"));
        assertTrue(accuracy >= 80, out); // 82.02% when written
    }

    @Test
    void trainingOnAnImageFolder() throws Exception {
        Path data = dir.resolve("shapes");
        ShapeImages.draw(data.resolve("train"), 60, true, 3);
        ShapeImages.draw(data.resolve("test"), 20, true, 4);
        Path model = dir.resolve("shapes.inkwell");
        String out = run(() -> ImageFolderExample.main(new String[] {data.toString(), "12", model.toString()}));
        assertTrue(out.contains("3 classes [cross, ring, square]") && out.contains("[3, 32, 32]"), out);
        int correct = Integer.parseInt(out.replaceAll("(?s).*Test accuracy: (\\d+)/60.*", "$1"));
        assertTrue(correct >= 55, out); // 60 of 60 when written
        assertTrue(Files.size(model) > 10_000, "model written");
    }

    @Test
    void quickStartRunsAsTheReadmeShowsIt() throws Exception {
        SharedData.datasets();
        Path cwd = Path.of("").toAbsolutePath();
        String out = run(() -> QuickStart.main(new String[0]));
        Files.deleteIfExists(cwd.resolve("quickstart.inkwell"));
        assertTrue(out.contains("Test accuracy: ") && out.contains("First test image: label 7"), out);
    }
}

package dev.inkwell.examples.cli;

import dev.inkwell.testing.SharedData;
import dev.inkwell.testing.VectorPass;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's main job, {@code ./inkwell train} with its defaults, reaches the test accuracy the README
 * states. Training is seeded and bit-identical for any thread count, so the figure is reproducible; the
 * bound allows a few images for another JDK's floating-point code generation. Runs in the vector pass only.
 */
@Tag(VectorPass.TAG)
class DefaultRecipeTest {
    /** README: 99.06% (9,906 of 10,000) with the vector kernels. */
    private static final int README_CORRECT = 9_906;
    private static final Pattern ACCURACY = Pattern.compile("Test set: .*Accuracy: ([\\d,]+)/([\\d,]+)");

    @TempDir
    Path dir;

    @Test
    void trainWithItsDefaultsReachesTheReadmeFigure() {
        var r = CommandRunner.run(TrainCommand::run, TrainCommand.USAGE, "--data", SharedData.datasets().toString(),
                "--out", dir.resolve("nets.inkwell").toString());
        assertEquals(0, r.status(), r.err());
        Matcher m = ACCURACY.matcher(r.out());
        assertTrue(m.find(), r.out());
        int correct = Integer.parseInt(m.group(1).replace(",", ""));
        System.out.printf("./inkwell train: %d/%s correct%n", correct, m.group(2));
        assertEquals("10,000", m.group(2));
        assertTrue(correct >= README_CORRECT - 5, correct + "/10,000; the README says " + README_CORRECT);
    }
}

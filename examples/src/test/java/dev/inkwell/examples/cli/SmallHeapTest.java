package dev.inkwell.examples.cli;

import dev.inkwell.testing.SharedData;
import dev.inkwell.testing.VectorPass;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Evaluating the pretrained model fits a small container: in a 128 MB heap the test split is normalised as
 * it is read and the network is built for the batch that fits, with the same result as in a large heap.
 */
@Tag(VectorPass.TAG)
class SmallHeapTest {
    @TempDir
    Path dir;

    @Test
    void evalOfThePretrainedModelRunsIn128Megabytes() throws Exception {
        List<String> command = ChildJvm.command(List.of("-Xmx128m"), EvalCommand.class,
                List.of("--data", SharedData.datasets().toString()));
        Process p = ChildJvm.start(command, dir, "eval");
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "eval finished");
        String out = Files.readString(dir.resolve("eval.out")), err = Files.readString(dir.resolve("eval.err"));
        assertEquals(0, p.exitValue(), err);
        assertTrue(out.contains("Accuracy: 9964/10000 (99.64%)"), out + err);
    }
}

package dev.inkwell.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Usage errors exit with 2 and say what is wrong; --help exits with 0; bad files exit with 1. */
class CommandLineTest {
    @TempDir
    Path dir;

    @Test
    void usageErrorsExitWithTwo() {
        var r = CommandRunner.run(TrainMnist::run, TrainMnist.USAGE, "--epochs", "zero");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("--epochs needs a whole number, got 'zero'"), r.err());
        assertTrue(r.err().contains("Usage: inkwell train"), r.err());
        assertEquals(2, CommandRunner.run(TrainMnist::run, TrainMnist.USAGE, "--arch", "resnet").status());
        assertEquals(2, CommandRunner.run(TrainMnist::run, TrainMnist.USAGE, "--bogus").status());
        assertEquals(2, CommandRunner.run(TrainMnist::run, TrainMnist.USAGE, "--lr").status());
        assertEquals(2, CommandRunner.run(EvaluateMnist::run, EvaluateMnist.USAGE, "--dataset", "cifar").status());
        assertEquals(2, CommandRunner.run(PredictDigits::run, PredictDigits.USAGE).status());
        assertEquals(2, CommandRunner.run(WriteSamples::run, WriteSamples.USAGE).status());
        assertEquals(2, CommandRunner.run(Benchmark::run, Benchmark.USAGE, "--threads", "0").status());
        assertEquals(2, CommandRunner.run(ModelInfo::run, ModelInfo.USAGE, "a", "b").status());
    }

    @Test
    void helpExitsWithZero() {
        for (var c : new Object[][] {{(Inkwell.Command) TrainMnist::run, TrainMnist.USAGE},
                {(Inkwell.Command) EvaluateMnist::run, EvaluateMnist.USAGE},
                {(Inkwell.Command) PredictDigits::run, PredictDigits.USAGE},
                {(Inkwell.Command) WriteSamples::run, WriteSamples.USAGE},
                {(Inkwell.Command) ModelInfo::run, ModelInfo.USAGE},
                {(Inkwell.Command) Benchmark::run, Benchmark.USAGE}}) {
            var r = CommandRunner.run((Inkwell.Command) c[0], (String) c[1], "--help");
            assertEquals(0, r.status());
            assertEquals(c[1], r.out());
        }
    }

    @Test
    void badModelFilesExitWithOneAndNameTheFile() throws Exception {
        Path bad = dir.resolve("bad.inkwell");
        Files.writeString(bad, "not a model");
        var r = CommandRunner.run(ModelInfo::run, ModelInfo.USAGE, bad.toString());
        assertEquals(1, r.status());
        assertTrue(r.err().contains(bad + ": not an Inkwell model file"), r.err());
        var missing = CommandRunner.run(ModelInfo::run, ModelInfo.USAGE, dir.resolve("nope.inkwell").toString());
        assertEquals(1, missing.status());
        assertTrue(missing.err().contains("nope.inkwell: no such file"), missing.err());
    }

    @Test
    void anUnwritableOutputIsReportedBeforeTraining() throws Exception {
        Path file = dir.resolve("file");
        Files.writeString(file, "x");
        var r = CommandRunner.run(TrainMnist::run, TrainMnist.USAGE, "--out", file.resolve("sub/model.inkwell").toString());
        assertEquals(1, r.status());
        assertTrue(r.err().contains("inkwell: error:"), r.err());
    }
}

package dev.inkwell.examples.cli;

import dev.inkwell.mnist.Dataset;
import dev.inkwell.model.Model;
import dev.inkwell.models.ReferenceNets;
import dev.inkwell.nn.Sequential;
import dev.inkwell.tensor.Shape;
import dev.inkwell.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Usage errors exit with 2 and say what is wrong; --help exits with 0; bad files exit with 1. */
class CommandLineTest {
    @TempDir
    Path dir;

    @Test
    void usageErrorsExitWithTwo() {
        var r = CommandRunner.run(TrainCommand::run, TrainCommand.USAGE, "--epochs", "zero");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("--epochs needs a whole number, got 'zero'"), r.err());
        assertTrue(r.err().contains("Usage: inkwell train"), r.err());
        assertEquals(2, CommandRunner.run(TrainCommand::run, TrainCommand.USAGE, "--arch", "resnet").status());
        assertEquals(2, CommandRunner.run(TrainCommand::run, TrainCommand.USAGE, "--bogus").status());
        assertEquals(2, CommandRunner.run(TrainCommand::run, TrainCommand.USAGE, "--lr").status());
        assertEquals(2, CommandRunner.run(TrainCommand::run, TrainCommand.USAGE, "--optimizer", "rmsprop").status());
        var nesterov = CommandRunner.run(TrainCommand::run, TrainCommand.USAGE, "--arch", "best", "--nesterov");
        assertEquals(2, nesterov.status());
        assertTrue(nesterov.err().contains("--nesterov goes with --optimizer sgd"), nesterov.err());
        var views = CommandRunner.run(TrainCommand::run, TrainCommand.USAGE, "--views", "sideways");
        assertEquals(2, views.status());
        assertTrue(views.err().contains("--views must be none, shifts or mirror, got 'sideways'"), views.err());
        var centred = CommandRunner.run(TrainCommand::run, TrainCommand.USAGE, "--centre", "--views", "shifts");
        assertEquals(2, centred.status());
        assertTrue(centred.err().contains("--views shifts and --centre do not go together"), centred.err());
        var european = CommandRunner.run(TrainCommand::run, TrainCommand.USAGE, "--european-ones", "--dataset",
                "fashion-mnist");
        assertEquals(2, european.status());
        assertTrue(european.err().contains("--european-ones is for MNIST's digits"), european.err());
        assertEquals(2, CommandRunner.run(EvalCommand::run, EvalCommand.USAGE, "--dataset", "cifar").status());
        assertEquals(2, CommandRunner.run(PredictCommand::run, PredictCommand.USAGE).status());
        assertEquals(2, CommandRunner.run(SamplesCommand::run, SamplesCommand.USAGE).status());
        assertEquals(2, CommandRunner.run(BenchmarkCommand::run, BenchmarkCommand.USAGE, "--threads", "0").status());
        assertEquals(2, CommandRunner.run(InfoCommand::run, InfoCommand.USAGE, "a", "b").status());
    }

    @Test
    void helpExitsWithZero() {
        for (var c : new Object[][] {{(CommandLine.Command) TrainCommand::run, TrainCommand.USAGE},
                {(CommandLine.Command) EvalCommand::run, EvalCommand.USAGE},
                {(CommandLine.Command) PredictCommand::run, PredictCommand.USAGE},
                {(CommandLine.Command) SamplesCommand::run, SamplesCommand.USAGE},
                {(CommandLine.Command) InfoCommand::run, InfoCommand.USAGE},
                {(CommandLine.Command) BenchmarkCommand::run, BenchmarkCommand.USAGE}}) {
            var r = CommandRunner.run((CommandLine.Command) c[0], (String) c[1], "--help");
            assertEquals(0, r.status());
            assertEquals(c[1], r.out());
        }
    }

    @Test
    void badModelFilesExitWithOneAndNameTheFile() throws Exception {
        Path bad = dir.resolve("bad.inkwell");
        Files.writeString(bad, "not a model");
        var r = CommandRunner.run(InfoCommand::run, InfoCommand.USAGE, bad.toString());
        assertEquals(1, r.status());
        assertTrue(r.err().contains(bad + ": not an Inkwell model file"), r.err());
        var missing = CommandRunner.run(InfoCommand::run, InfoCommand.USAGE, dir.resolve("nope.inkwell").toString());
        assertEquals(1, missing.status());
        assertTrue(missing.err().contains("nope.inkwell: no such file"), missing.err());
    }

    @Test
    void aModelForAnotherInputIsRefusedWhenLoadedNotOnEveryImage() throws Exception {
        Path model = dir.resolve("wide.inkwell");
        Sequential net = ReferenceNets.netS().build(Shape.of(1, 32, 32), 1, 1);
        new Model(net, "nets", 0.1307f, 0.3081f, Dataset.MNIST.classNames(), Map.of()).save(model);
        var r = CommandRunner.run(PredictCommand::run, PredictCommand.USAGE, "--model", model.toString(),
                dir.resolve("any.png").toString());
        assertEquals(1, r.status());
        assertTrue(r.err().contains(model + ": takes [1, 32, 32] inputs; predict feeds it 28x28 grey images"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void aBatchThatCannotFitIsAUsageErrorWithTheSizes() {
        var r = CommandRunner.run(TrainCommand::run, TrainCommand.USAGE, "--data", SharedData.datasets().toString(),
                "--batch-size", "65536", "--out", dir.resolve("m.inkwell").toString());
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains("--batch-size 65536: a batch of 65536 needs about"), r.err());
        assertEquals(2, CommandRunner.run(TrainCommand::run, TrainCommand.USAGE, "--threads", "100000").status());
    }

    @Test
    void aPipeIsRefusedNotReadForever() throws Exception {
        Path fifo = dir.resolve("pipe.png");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        var r = CommandRunner.run(PredictCommand::run, PredictCommand.USAGE, fifo.toString());
        assertEquals(1, r.status());
        assertTrue(r.err().contains(fifo + ": error: is not a regular file"), r.err());
    }

    @Test
    void anUnwritableOutputIsReportedBeforeTraining() throws Exception {
        Path file = dir.resolve("file");
        Files.writeString(file, "x");
        var r = CommandRunner.run(TrainCommand::run, TrainCommand.USAGE, "--out", file.resolve("sub/model.inkwell").toString());
        assertEquals(1, r.status());
        assertTrue(r.err().contains("inkwell: error:"), r.err());
    }
}

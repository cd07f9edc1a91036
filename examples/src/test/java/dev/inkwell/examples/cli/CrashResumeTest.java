package dev.inkwell.examples.cli;

import dev.inkwell.model.Model;
import dev.inkwell.nn.ComputeContext;
import dev.inkwell.testing.SharedData;
import dev.inkwell.testing.VectorPass;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Training killed with SIGKILL at random moments and resumed from its checkpoint ends with exactly
 * the weights of a run that was never interrupted; a run that diverges stops with a message and
 * leaves the files it found alone.
 */
@Tag(VectorPass.TAG)
class CrashResumeTest {
    private static final int KILLS = 3;

    @TempDir
    Path dir;

    private List<String> trainArgs(Path out) throws Exception {
        return List.of("--arch", "nets", "--epochs", "6", "--train-size", "1536", "--validation", "256",
                "--batch-size", "64", "--threads", "2", "--seed", "7", "--data", SharedData.datasets().toString(),
                "--out", out.toString());
    }

    @Test
    void killedAndResumedTrainingEndsBitIdenticalToAnUnbrokenRun() throws Exception {
        Path reference = dir.resolve("reference.inkwell");
        long start = System.nanoTime();
        assertEquals(0, run(trainArgs(reference), "reference"), log("reference"));
        long fullMillis = (System.nanoTime() - start) / 1_000_000;

        Path out = dir.resolve("killed.inkwell");
        Path checkpoint = Path.of(out + ".ckpt");
        Random moments = new Random(2024);
        int kills = 0, resumes = 0;
        for (int attempt = 0; !Files.exists(out); attempt++) {
            List<String> args = new ArrayList<>(trainArgs(out));
            if (Files.exists(checkpoint)) {
                args.addAll(List.of("--resume", checkpoint.toString()));
                resumes++;
            }
            Process child = ChildJvm.start(ChildJvm.command(List.of("-Xmx1g"), TrainCommand.class, args), dir,
                    "attempt-" + attempt);
            if (kills < KILLS) {
                // let this attempt write a checkpoint of its own, then kill it at a random moment of what
                // follows: inside an epoch, in the middle of writing the next checkpoint, or in the test pass
                long before = Files.exists(checkpoint) ? Files.getLastModifiedTime(checkpoint).toMillis() : -1;
                while (child.isAlive() && (!Files.exists(checkpoint)
                        || Files.getLastModifiedTime(checkpoint).toMillis() == before)) {
                    Thread.sleep(5);
                }
                if (!child.waitFor(moments.nextInt(600), TimeUnit.MILLISECONDS)) {
                    child.destroyForcibly(); // SIGKILL: no shutdown hooks, no flushing
                    child.waitFor();
                    kills++;
                    continue;
                }
            } else {
                assertTrue(child.waitFor(10, TimeUnit.MINUTES), "resumed training did not finish");
            }
            assertEquals(0, child.exitValue(), log("attempt-" + attempt));
        }
        System.out.printf("crash-resume: %d kills, %d resumes, unbroken run %d ms%n", kills, resumes, fullMillis);
        assertTrue(kills > 0 && resumes >= kills, kills + " kills, " + resumes + " resumes");
        assertSameWeights(reference, out);
        assertTrue(Files.notExists(checkpoint), "the checkpoint is removed once the model is saved");
    }

    @Test
    void aDamagedCheckpointIsRefusedNotResumedFrom() throws Exception {
        Path out = dir.resolve("m.inkwell");
        List<String> args = new ArrayList<>(trainArgs(out));
        args.set(args.indexOf("--epochs") + 1, "1");
        assertEquals(0, run(args, "one-epoch"), log("one-epoch"));
        Path checkpoint = dir.resolve("half.ckpt");
        byte[] model = Files.readAllBytes(out);
        Files.write(checkpoint, Arrays.copyOf(model, model.length / 2));
        var result = CommandRunner.run(TrainCommand::run, TrainCommand.USAGE, withResume(args, checkpoint));
        assertEquals(1, result.status());
        assertTrue(result.err().contains(checkpoint + ": ") && result.err().contains("checksum mismatch"), result.err());
    }

    @Test
    void divergenceStopsWithTheEpochAndStepAndLeavesTheOldModelAlone() throws Exception {
        Path out = dir.resolve("diverge.inkwell");
        byte[] previous = "an earlier model".getBytes();
        Files.write(out, previous);
        List<String> args = new ArrayList<>(trainArgs(out));
        args.addAll(List.of("--lr", "1e6"));
        var result = CommandRunner.run(TrainCommand::run, TrainCommand.USAGE, args.toArray(String[]::new));
        assertEquals(1, result.status());
        assertTrue(result.err().matches("(?s).*became .* in epoch 1, step \\d+ of 24; lower the learning rate.*"),
                result.err());
        assertArrayEquals(previous, Files.readAllBytes(out));
    }

    private int run(List<String> args, String name) throws Exception {
        Process child = ChildJvm.start(ChildJvm.command(List.of("-Xmx1g"), TrainCommand.class, args), dir, name);
        assertTrue(child.waitFor(10, TimeUnit.MINUTES), name + " did not finish");
        return child.exitValue();
    }

    private String log(String name) throws Exception {
        return Files.readString(dir.resolve(name + ".out")) + Files.readString(dir.resolve(name + ".err"));
    }

    private static String[] withResume(List<String> args, Path checkpoint) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of("--resume", checkpoint.toString()));
        return all.toArray(String[]::new);
    }

    private static void assertSameWeights(Path expected, Path actual) throws Exception {
        Model a = Model.load(expected, ComputeContext.withThreads(1), 1);
        Model b = Model.load(actual, ComputeContext.withThreads(1), 1);
        assertArrayEquals(a.network().parameters().values(), b.network().parameters().values(), 0f);
        assertArrayEquals(a.network().parameters().state(), b.network().parameters().state(), 0f);
        assertEquals(a.info().get("test_correct"), b.info().get("test_correct"));
    }
}

package dev.inkwell.model;

import dev.inkwell.models.ReferenceNets;
import dev.inkwell.nn.ComputeContext;
import dev.inkwell.nn.Sequential;
import dev.inkwell.optim.LrSchedule;
import dev.inkwell.optim.Sgd;
import dev.inkwell.init.Rng;
import dev.inkwell.train.Augmenter;
import dev.inkwell.train.LabeledImages;
import dev.inkwell.train.Trainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Stopping after an epoch and resuming from the checkpoint gives bit-identical weights to an unbroken run. */
class CheckpointTest {
    @TempDir
    Path dir;

    private static LabeledImages data() {
        Rng rng = new Rng(11);
        int n = 96;
        float[] x = new float[n * 784];
        int[] y = new int[n];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextInt(10);
        }
        return new LabeledImages(x, y, ReferenceNets.INPUT_SHAPE);
    }

    private static final List<String> CLASSES = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    private static Trainer trainer(Sequential net, Sgd sgd, ComputeContext ctx) {
        return new Trainer(net, sgd, LrSchedule.oneCycle(0.05, 3L * 3), 32, 7, Augmenter.mnistDefaults(-0.42f), ctx);
    }

    @Test
    void resumeIsBitIdentical() throws IOException {
        ComputeContext ctx = ComputeContext.defaults();
        LabeledImages data = data();
        // NetS has dropout, so its pass counter must survive the checkpoint as well
        Sequential straight = ReferenceNets.netS().build(ReferenceNets.INPUT_SHAPE, 32, ctx, 1);
        Sgd sgd = new Sgd(straight.parameters(), Sgd.Config.of(0.05).momentum(0.9).nesterov(true), ctx);
        Trainer t = trainer(straight, sgd, ctx);
        for (int epoch = 0; epoch < 3; epoch++) {
            t.trainEpoch(epoch, data, Trainer.Listener.NONE);
        }

        Sequential first = ReferenceNets.netS().build(ReferenceNets.INPUT_SHAPE, 32, ctx, 1);
        Sgd sgd1 = new Sgd(first.parameters(), Sgd.Config.of(0.05).momentum(0.9).nesterov(true), ctx);
        trainer(first, sgd1, ctx).trainEpoch(0, data, Trainer.Listener.NONE);
        Path file = dir.resolve("run.ckpt");
        Map<String, String> settings = Map.of("arch", "nets");
        Checkpoint.save(file, new Model(first, "nets", 0.1307f, 0.3081f, CLASSES, Map.of()), sgd1, 1, settings);

        Checkpoint c = Checkpoint.load(file, ctx, 32);
        assertEquals(1, c.epochsDone());
        assertEquals(settings, c.settings());
        Sequential resumed = c.model().network();
        Sgd sgd2 = new Sgd(resumed.parameters(), Sgd.Config.of(0.05).momentum(0.9).nesterov(true), ctx);
        c.restore(sgd2);
        Trainer t2 = trainer(resumed, sgd2, ctx);
        for (int epoch = c.epochsDone(); epoch < 3; epoch++) {
            t2.trainEpoch(epoch, data, Trainer.Listener.NONE);
        }
        assertArrayEquals(straight.parameters().values(), resumed.parameters().values(), 0f);
        assertArrayEquals(sgd.momentumBuffer(), sgd2.momentumBuffer(), 0f);
        assertEquals(sgd.steps(), sgd2.steps());
    }
}

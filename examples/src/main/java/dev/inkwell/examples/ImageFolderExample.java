package dev.inkwell.examples;

import dev.inkwell.mnist.Split;
import dev.inkwell.mnist.folder.ImageFolder;
import dev.inkwell.model.Model;
import dev.inkwell.model.Normalization;
import dev.inkwell.models.ReferenceNets;
import dev.inkwell.nn.ComputeContext;
import dev.inkwell.nn.Sequential;
import dev.inkwell.optim.LrSchedule;
import dev.inkwell.optim.Sgd;
import dev.inkwell.train.Evaluation;
import dev.inkwell.train.LabeledImages;
import dev.inkwell.train.Trainer;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Training on your own pictures: a folder with {@code train/<class>/*} and {@code test/<class>/*}, every
 * picture scaled to 32x32, normalised per channel, NetS adapted to its channels and classes.
 * Arguments: {@code DIR [EPOCHS] [OUT]} (default 10 epochs, {@code DIR.inkwell}).
 */
public final class ImageFolderExample {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Path out = args.length > 2 ? Path.of(args[2]) : Path.of(dir + ".inkwell");

        List<String> classes = ImageFolder.classNames(dir);
        ImageFolder trainSet = ImageFolder.load(dir, Split.TRAIN, classes, 32, 0);   // 0: grey or RGB, as found
        ImageFolder testSet = ImageFolder.load(dir, Split.TEST, classes, 32, trainSet.channels());
        Normalization norm = new Normalization(trainSet.channelMeans(), trainSet.channelStds());
        LabeledImages train = trainSet.labeled(IntStream.range(0, trainSet.size()).toArray(), norm);
        LabeledImages test = testSet.labeled(IntStream.range(0, testSet.size()).toArray(), norm);
        System.out.printf("%d classes %s, %d training and %d test images of %s%n", classes.size(), classes,
                train.size(), test.size(), trainSet.sampleShape());

        ComputeContext ctx = ComputeContext.defaults();
        Sequential net = ReferenceNets.netS(trainSet.channels(), classes.size())
                .build(trainSet.sampleShape(), 64, ctx, 1);
        Sgd sgd = new Sgd(net.parameters(), Sgd.Config.of(0.01).momentum(0.9), ctx);
        Trainer trainer = new Trainer(net, sgd, LrSchedule.constant(0.01), 16, 1, null, ctx);
        for (int epoch = 0; epoch < epochs; epoch++) {
            trainer.trainEpoch(epoch, train, Trainer.Listener.NONE);
        }
        Evaluation result = Trainer.evaluate(net, test);
        System.out.printf("Test accuracy: %d/%d (%.2f%%)%n", result.correct(), result.count(), 100 * result.accuracy());
        new Model(net, "nets", norm.mean(), norm.std(), classes, Map.of("dataset", dir.toString())).save(out);
        System.out.println("Saved " + out);
    }
}

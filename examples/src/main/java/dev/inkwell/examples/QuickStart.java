package dev.inkwell.examples;

import dev.inkwell.mnist.Dataset;
import dev.inkwell.mnist.DatasetLocator;
import dev.inkwell.mnist.MnistDataset;
import dev.inkwell.mnist.Split;
import dev.inkwell.model.Model;
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

/** Build a network, load MNIST, train, evaluate, save, reload and predict: the README's program. */
public final class QuickStart {
    public static void main(String[] args) throws Exception {
        // MNIST from --data / $INKWELL_DATA / ~/.cache/inkwell/datasets, fetched and verified if missing
        DatasetLocator data = DatasetLocator.standard(null, List.of());
        MnistDataset trainSet = data.load(Dataset.MNIST, Split.TRAIN);
        MnistDataset testSet = data.load(Dataset.MNIST, Split.TEST);
        LabeledImages train = new LabeledImages(trainSet.normalizedImages(), trainSet.labels(), ReferenceNets.INPUT_SHAPE);
        LabeledImages test = new LabeledImages(testSet.normalizedImages(), testSet.labels(), ReferenceNets.INPUT_SHAPE);

        ComputeContext ctx = ComputeContext.defaults();     // SIMD kernels if available, all cores
        Sequential net = ReferenceNets.netS()               // or your own: new Sequential().add(new Conv2d(1, 32, 3))...
                .build(ReferenceNets.INPUT_SHAPE, 1000, ctx, /* seed */ 1);
        System.out.print(net.summary());

        Sgd sgd = new Sgd(net.parameters(), Sgd.Config.of(0.01).momentum(0.9), ctx);
        Trainer trainer = new Trainer(net, sgd, LrSchedule.constant(0.01), 64, /* seed */ 1, null, ctx);
        for (int epoch = 0; epoch < 2; epoch++) {
            System.out.println(trainer.trainEpoch(epoch, train, Trainer.Listener.NONE));
        }
        Evaluation result = Trainer.evaluate(net, test);
        System.out.printf("Test accuracy: %.2f%%%n", 100 * result.accuracy());

        Model model = new Model(net, "nets", Dataset.MNIST.mean(), Dataset.MNIST.std(),
                Dataset.MNIST.classNames(), Map.of("epochs", "2"));
        model.save(Path.of("quickstart.inkwell"));

        Model loaded = Model.load(Path.of("quickstart.inkwell"), ctx, 1);
        float[] input = new float[28 * 28];
        float[] probabilities = new float[10];
        loaded.normalize(testSet.image(0), input, 0);      // 28x28 grey pixels, white ink on black
        loaded.classify(input, 1, probabilities);
        System.out.printf("First test image: label %d, P(7) = %.4f%n", testSet.label(0), probabilities[7]);
    }
}

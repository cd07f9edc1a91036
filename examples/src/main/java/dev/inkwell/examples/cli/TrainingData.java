package dev.inkwell.examples.cli;

import dev.inkwell.init.Rng;
import dev.inkwell.mnist.Dataset;
import dev.inkwell.mnist.MnistDataset;
import dev.inkwell.mnist.Split;
import dev.inkwell.mnist.folder.ImageFolder;
import dev.inkwell.model.Normalization;
import dev.inkwell.models.ReferenceNets;
import dev.inkwell.tensor.Shape;
import dev.inkwell.train.LabeledImages;
import dev.inkwell.train.Samples;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * What a training run reads: training, validation and test images already normalised, their shape, the
 * class names and the normalisation. From MNIST or Fashion-MNIST ({@code mnist} set, for reports), or from
 * a class-per-folder image dataset, normalised per channel with its training images' statistics.
 *
 * @param mnist the MNIST-style test split, or null for an image folder
 */
record TrainingData(String id, Samples train, Samples valid, Samples test, Shape inputShape,
                    List<String> classNames, float[] mean, float[] std, MnistDataset mnist) {

    /** A training set split by a seeded shuffle into validation (the first {@code validation}) and training. */
    static TrainingData ofMnist(Dataset dataset, MnistDataset trainSet, MnistDataset testSet, int validation,
                                int trainSize, long seed) {
        int[] order = shuffled(trainSet.size(), seed);
        LabeledImages train = DataOptions.labeled(trainSet, Arrays.copyOfRange(order, validation,
                (int) Math.min(order.length, (long) validation + trainSize)));
        LabeledImages valid = validation > 0 ? DataOptions.labeled(trainSet, Arrays.copyOf(order, validation)) : null;
        return new TrainingData(dataset.id(), train, valid, DataOptions.labeled(testSet), ReferenceNets.INPUT_SHAPE,
                dataset.classNames(), new float[] {dataset.mean()}, new float[] {dataset.std()}, testSet);
    }

    /** Both splits of an image folder; the validation images come out of the training split. */
    static TrainingData ofFolder(Path root, int side, int validation, int trainSize, long seed) throws IOException {
        List<String> classes = ImageFolder.classNames(root);
        ImageFolder trainSet = ImageFolder.load(root, Split.TRAIN, classes, side, 0);
        ImageFolder testSet = ImageFolder.load(root, Split.TEST, classes, side, trainSet.channels());
        if (validation >= trainSet.size()) {
            throw new IOException(root + ": " + trainSet.size() + " training images, not enough to hold out "
                    + validation + " for validation (--validation N)");
        }
        Normalization norm = new Normalization(trainSet.channelMeans(), trainSet.channelStds());
        int[] order = shuffled(trainSet.size(), seed);
        // normalised as they are read: the bytes take a quarter of the floats' memory
        Samples train = trainSet.samples(Arrays.copyOfRange(order, validation,
                (int) Math.min(order.length, (long) validation + trainSize)), norm);
        Samples valid = validation > 0 ? trainSet.samples(Arrays.copyOf(order, validation), norm) : null;
        int[] all = new int[testSet.size()];
        Arrays.setAll(all, i -> i);
        return new TrainingData(root.toString(), train, valid, testSet.samples(all, norm),
                trainSet.sampleShape(), classes, norm.mean(), norm.std(), null);
    }

    private static int[] shuffled(int n, long seed) {
        int[] order = new int[n];
        Arrays.setAll(order, i -> i);
        new Rng(seed).shuffle(order);
        return order;
    }
}

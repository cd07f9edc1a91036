package dev.inkwell.mnist;

import dev.inkwell.testing.SharedData;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The real MNIST and Fashion-MNIST files from $INKWELL_DATA: counts, dims, checksums, first labels, statistics. */
class RealDatasetTest {

    @Test
    void checksumsOfEveryFileMatchTheKnownValues() throws IOException {
        Path root = SharedData.datasets();
        for (Dataset d : Dataset.known()) {
            for (Dataset.File f : d.files()) {
                Path file = MnistDataset.find(root.resolve(d.id()), f);
                assertEquals(f.sha256(), Checksums.sha256OfContent(file), file.toString());
            }
        }
    }

    @Test
    void mnistCountsDimsAndFirstLabels() throws IOException {
        Path dir = SharedData.datasets().resolve("mnist");
        MnistDataset train = MnistDataset.load(dir, Dataset.MNIST, Split.TRAIN);
        MnistDataset test = MnistDataset.load(dir, Dataset.MNIST, Split.TEST);
        assertEquals(60_000, train.size());
        assertEquals(10_000, test.size());
        assertArrayEquals(new int[] {5, 0, 4, 1, 9, 2, 1, 3, 1, 4}, java.util.Arrays.copyOf(train.labels(), 10));
        assertArrayEquals(new int[] {7, 2, 1, 0, 4, 1, 4, 9, 5, 9}, java.util.Arrays.copyOf(test.labels(), 10));
        assertArrayEquals(new int[] {60_000, 28, 28},
                IdxReader.read(MnistDataset.find(dir, Dataset.MNIST.files().get(0))).dims());
        assertEquals(0, train.pixel(0, 0, 0), "MNIST backgrounds are black");
    }

    @Test
    void fashionMnistCounts() throws IOException {
        Path dir = SharedData.datasets().resolve("fashion-mnist");
        assertEquals(60_000, MnistDataset.load(dir, Dataset.FASHION_MNIST, Split.TRAIN).size());
        MnistDataset test = MnistDataset.load(dir, Dataset.FASHION_MNIST, Split.TEST);
        assertEquals(10_000, test.size());
        assertEquals("Ankle boot", test.classNames().get(test.label(0)));
    }

    @Test
    void normalisationStatisticsAreThoseOfTheTrainingImages() throws IOException {
        for (Dataset d : Dataset.known()) {
            MnistDataset train = MnistDataset.load(SharedData.datasets().resolve(d.id()), d, Split.TRAIN);
            double sum = 0, sq = 0;
            long n = (long) train.size() * 784;
            for (int i = 0; i < train.size(); i++) {
                for (byte b : train.image(i)) {
                    double v = (b & 0xFF) / 255.0;
                    sum += v;
                    sq += v * v;
                }
            }
            double mean = sum / n;
            assertEquals(mean, d.mean(), 5e-4, d + " mean");
            assertEquals(Math.sqrt(sq / n - mean * mean), d.std(), 5e-4, d + " std");
            float[] x = new float[784];
            train.normalizedImage(0, x, 0);
            assertEquals((train.pixel(0, 0, 0) / 255f - d.mean()) / d.std(), x[0], 1e-5);
        }
    }
}

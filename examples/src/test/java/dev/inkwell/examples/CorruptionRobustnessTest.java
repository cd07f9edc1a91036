package dev.inkwell.examples;

import dev.inkwell.mnist.Dataset;
import dev.inkwell.mnist.MnistDataset;
import dev.inkwell.mnist.Split;
import dev.inkwell.mnist.corrupt.Corruption;
import dev.inkwell.mnist.reader.DigitReader;
import dev.inkwell.model.Model;
import dev.inkwell.models.ReferenceNets;
import dev.inkwell.nn.ComputeContext;
import dev.inkwell.testing.SharedData;
import dev.inkwell.testing.VectorPass;
import dev.inkwell.train.LabeledImages;
import dev.inkwell.train.Trainer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shipped model on the MNIST-C corruptions of the first 2,000 test images, fed to the network as
 * {@code ./inkwell eval} feeds IDX files (no preprocessing): the README's robustness figures, guarded.
 */
@Tag(VectorPass.TAG)
class CorruptionRobustnessTest {
    private static final int IMAGES = 2000;

    @Test
    void theShippedModelHoldsUpUnderEveryCorruption() throws Exception {
        MnistDataset test = MnistDataset.load(SharedData.datasets().resolve("mnist"), Dataset.MNIST, Split.TEST);
        Model model = DigitReader.pretrainedModel(ComputeContext.defaults(), 500);
        float mean = Dataset.MNIST.mean(), std = Dataset.MNIST.std();
        StringBuilder report = new StringBuilder();
        double sum = 0, worst = 1;
        for (Corruption c : Corruption.values()) {
            float[] inputs = new float[IMAGES * 784];
            int[] labels = new int[IMAGES];
            for (int i = 0; i < IMAGES; i++) {
                byte[] corrupted = c.apply(test.image(i), 1_000_003L + c.ordinal() * 100_003L + i);
                for (int p = 0; p < 784; p++) {
                    inputs[i * 784 + p] = ((corrupted[p] & 0xFF) / 255f - mean) / std;
                }
                labels[i] = test.label(i);
            }
            double accuracy = Trainer.evaluate(model.network(),
                    new LabeledImages(inputs, labels, ReferenceNets.INPUT_SHAPE)).accuracy();
            report.append(String.format("%s %.2f%%%n", c.id(), 100 * accuracy));
            sum += accuracy;
            worst = Math.min(worst, accuracy);
        }
        double meanAccuracy = sum / Corruption.values().length;
        report.append(String.format("mean %.2f%%, worst %.2f%%%n", 100 * meanAccuracy, 100 * worst));
        System.out.print(report);
        // measured 2026-12-06 on these 2,000 images: mean 95.46%, worst 87.10% (glass blur); the model before
        // ImageLevels and degradations: about 69% and 10%. On all 10,000 (./inkwell corrupt, eval): 96.51%, 89.01%
        assertTrue(meanAccuracy >= 0.95 && worst >= 0.86, report.toString());
    }
}

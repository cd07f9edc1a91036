package dev.inkwell.examples;

import dev.inkwell.mnist.reader.DigitReader;
import dev.inkwell.mnist.Dataset;
import dev.inkwell.mnist.MnistDataset;
import dev.inkwell.mnist.Split;
import dev.inkwell.model.Model;
import dev.inkwell.nn.ComputeContext;
import dev.inkwell.testing.SharedData;
import dev.inkwell.models.ReferenceNets;
import dev.inkwell.train.Evaluation;
import dev.inkwell.train.LabeledImages;
import dev.inkwell.train.Trainer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's headline figure: the shipped model's accuracy on the MNIST test set. */
class PretrainedModelTest {
    /** README: 99.66% (9,966 of 10,000), measured with either kernel set; the bound allows one image. */
    private static final int README_CORRECT = 9_966;

    @Test
    void scoresTheReadmeFigureOnTheMnistTestSet() throws Exception {
        MnistDataset testSet = MnistDataset.load(SharedData.datasets().resolve("mnist"), Dataset.MNIST, Split.TEST);
        Model model = DigitReader.pretrainedModel(ComputeContext.defaults(), 500);
        Evaluation e = Trainer.evaluate(model.network(), new LabeledImages(testSet.normalizedImages(), testSet.labels(), ReferenceNets.INPUT_SHAPE));
        System.out.printf("pretrained model: %d/%d correct on the MNIST test set%n", e.correct(), e.count());
        assertTrue(e.correct() >= README_CORRECT - 1, e.correct() + "/" + e.count() + " correct; the README says "
                + README_CORRECT);
    }
}

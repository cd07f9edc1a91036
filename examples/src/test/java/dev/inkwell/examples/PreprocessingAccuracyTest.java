package dev.inkwell.examples;

import dev.inkwell.mnist.reader.DigitReader;
import dev.inkwell.mnist.Dataset;
import dev.inkwell.mnist.MnistDataset;
import dev.inkwell.mnist.Split;
import dev.inkwell.mnist.image.DigitPreprocessor;
import dev.inkwell.model.Predictor;
import dev.inkwell.nn.ComputeContext;
import dev.inkwell.testing.SharedData;
import dev.inkwell.testing.VectorPass;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The preprocessing measured with the pretrained model: it must read drawn digits nearly as well as
 * MNIST's own, and must leave MNIST's already-normalised digits alone.
 */
@Tag(VectorPass.TAG)
class PreprocessingAccuracyTest {
    private static final DigitPreprocessor PREPROCESSOR = new DigitPreprocessor();
    private static final Predictor PREDICTOR;

    static {
        try {
            PREDICTOR = Predictor.of(DigitReader.pretrainedModel(ComputeContext.withThreads(1), 1));
        } catch (java.io.IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * 1,000 digits typeset from fonts (seed 42): README says 997 are read correctly (vector
     * kernels); the bound allows two more misses.
     */
    @Test
    void typesetDigitsInAnySizeStyleAndColourAreRead() throws Exception {
        assertReadAtLeast(SyntheticDigits.generate(1000, 42), 995, "typeset digits");
    }

    /** 1,000 pen-written digits (seed 43): README says 997 are read correctly; the bound allows one more miss. */
    @Test
    void penWrittenDigitsAreRead() throws Exception {
        assertReadAtLeast(PenDigits.generate(1000, 43), 996, "pen-written digits");
    }

    private static void assertReadAtLeast(List<SyntheticDigits.Sample> samples, int bound, String what) throws Exception {
        int correct = 0;
        StringBuilder misses = new StringBuilder();
        for (int i = 0; i < samples.size(); i++) {
            SyntheticDigits.Sample s = samples.get(i);
            int digit = PREDICTOR.predict(PREPROCESSOR.read(s.file(), what + " " + i)).best();
            if (digit == s.label()) {
                correct++;
            } else {
                misses.append("\n  read ").append(digit).append(": ").append(s.description());
            }
        }
        System.out.printf("%s: %d/%d read correctly%s%n", what, correct, samples.size(), misses);
        assertTrue(correct >= bound, correct + "/" + samples.size() + " correct" + misses);
    }

    /** README: 6 of 10,000 test images change their answer (0.06%); the bound allows one more. */
    @Test
    void preprocessingAnMnistDigitRarelyChangesItsPrediction() throws Exception {
        MnistDataset test = MnistDataset.load(SharedData.datasets().resolve("mnist"), Dataset.MNIST, Split.TEST);
        int changed = 0;
        for (int i = 0; i < test.size(); i++) {
            byte[] pixels = test.image(i);
            BufferedImage image = new BufferedImage(Dataset.SIDE, Dataset.SIDE, BufferedImage.TYPE_BYTE_GRAY);
            image.getRaster().setDataElements(0, 0, Dataset.SIDE, Dataset.SIDE, pixels);
            byte[] preprocessed = DigitPreprocessor.toMnist(image, "test image " + i);
            changed += PREDICTOR.predict(pixels).best() != PREDICTOR.predict(preprocessed).best() ? 1 : 0;
        }
        System.out.printf("preprocessing changed %d of %d MNIST test predictions%n", changed, test.size());
        assertTrue(changed <= 7, changed + " predictions changed");
    }
}

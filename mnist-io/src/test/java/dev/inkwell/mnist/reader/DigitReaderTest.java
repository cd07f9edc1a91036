package dev.inkwell.mnist.reader;

import dev.inkwell.mnist.Dataset;
import dev.inkwell.mnist.MnistDataset;
import dev.inkwell.mnist.Split;
import dev.inkwell.mnist.image.NoDigitException;
import dev.inkwell.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pretrained reader from a file, bytes, a decoded image and MNIST pixels; no digit is an error. */
class DigitReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsTheFirstTwentyMnistTestDigitsEveryWay() throws Exception {
        MnistDataset test = MnistDataset.load(SharedData.datasets().resolve("mnist"), Dataset.MNIST, Split.TEST);
        DigitReader reader = DigitReader.pretrained();
        for (int i = 0; i < 20; i++) {
            BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
            image.getRaster().setDataElements(0, 0, 28, 28, test.image(i));
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(image, "png", png);
            Path file = Files.write(dir.resolve("digit" + i + ".png"), png.toByteArray());
            int label = test.label(i);
            assertEquals(label, reader.readMnistPixels(test.image(i)).best(), "pixels of test image " + i);
            assertEquals(label, reader.read(image, "test image " + i).best(), "image " + i);
            assertEquals(label, reader.read(png.toByteArray(), "test image " + i).best(), "bytes of image " + i);
            assertEquals(label, reader.read(file).best(), file.toString());
            assertTrue(reader.read(file).confidence() > 0.5f, file.toString());
        }
    }

    @Test
    void aBlankPageIsAnErrorNotAGuess() throws Exception {
        BufferedImage blank = new BufferedImage(200, 100, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = blank.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, 200, 100);
        g.dispose();
        assertThrows(NoDigitException.class, () -> DigitReader.pretrained().read(blank, "blank page"));
    }

    @Test
    void thePretrainedModelDescribesItself() throws Exception {
        var model = DigitReader.pretrainedModel(dev.inkwell.nn.ComputeContext.withThreads(1), 1);
        assertEquals("best", model.architecture());
        assertEquals(10, model.classNames().size());
    }
}

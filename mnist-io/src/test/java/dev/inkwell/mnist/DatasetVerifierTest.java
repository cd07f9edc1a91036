package dev.inkwell.mnist;

import dev.inkwell.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Dataset files found on disk are checked against their SHA-256 before use, once, and a mismatch names the file. */
class DatasetVerifierTest {
    private static final Dataset.File LABELS = Dataset.MNIST.files().get(3);

    @TempDir
    Path dir;

    /** A folder with MNIST's test split, its labels uncompressed (so one byte can be changed in place). */
    private Path testSplit() throws IOException {
        Path mnist = Files.createDirectories(dir.resolve("data/mnist"));
        Path real = SharedData.datasets().resolve("mnist");
        Path images = MnistDataset.find(real, Dataset.MNIST.files().get(2));
        Files.copy(images, mnist.resolve(images.getFileName()));
        byte[] labels = IdxWriter.toBytes(IdxReader.read(MnistDataset.find(real, LABELS)));
        Files.write(mnist.resolve(LABELS.name()), labels);
        return mnist;
    }

    private DatasetLocator locator(Path stamps) {
        return DatasetLocator.only(dir.resolve("data")).verifiedBy(new DatasetVerifier(stamps));
    }

    @Test
    void aChangedLabelIsAnErrorNamingTheFileUnlessVerificationIsOff() throws Exception {
        Path mnist = testSplit();
        Path labels = mnist.resolve(LABELS.name());
        byte[] content = Files.readAllBytes(labels);
        content[100] = (byte) ((content[100] + 1) % 10);
        Files.write(labels, content);
        IOException e = assertThrows(IOException.class, () -> locator(dir.resolve("stamps")).load(Dataset.MNIST,
                Split.TEST));
        assertTrue(e.getMessage().startsWith(labels + ": the content is not mnist's t10k-labels-idx1-ubyte")
                && e.getMessage().contains("--no-verify"), e.getMessage());
        assertEquals(10_000, DatasetLocator.only(dir.resolve("data")).verifiedBy(null)
                .load(Dataset.MNIST, Split.TEST).size(), "used as it is when asked");
    }

    @Test
    void aVerifiedFileIsNotReadAgainWhileItsSizeAndTimeStand() throws Exception {
        Path mnist = testSplit();
        Path stamps = dir.resolve("stamps");
        assertEquals(10_000, locator(stamps).load(Dataset.MNIST, Split.TEST).size());
        try (var s = Files.list(stamps)) {
            assertEquals(2, s.count(), "one stamp per file");
        }
        // the same size and time with other content: trusted by the stamp (what makes a normal run free) ...
        Path labels = mnist.resolve(LABELS.name());
        FileTime time = Files.getLastModifiedTime(labels);
        byte[] content = Files.readAllBytes(labels);
        content[200] = (byte) ((content[200] + 1) % 10);
        Files.write(labels, content);
        Files.setLastModifiedTime(labels, time);
        assertEquals(10_000, locator(stamps).load(Dataset.MNIST, Split.TEST).size());
        // ... and checked again as soon as the time moves
        Files.setLastModifiedTime(labels, FileTime.fromMillis(time.toMillis() + 1000));
        assertThrows(IOException.class, () -> locator(stamps).load(Dataset.MNIST, Split.TEST));
    }
}

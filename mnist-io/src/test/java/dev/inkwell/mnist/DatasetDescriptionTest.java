package dev.inkwell.mnist;

import dev.inkwell.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A dataset described in code, here stored transposed as EMNIST is, loads like the built-in ones. */
class DatasetDescriptionTest {
    private static final String ZEROS = "0".repeat(64);

    @TempDir
    Path dir;

    @Test
    void aTransposedDatasetIsTurnedBackOnLoading() throws Exception {
        MnistDataset mnist = MnistDataset.load(SharedData.datasets().resolve("mnist"), Dataset.MNIST, Split.TEST);
        int n = 50, side = Dataset.SIDE;
        byte[] columns = new byte[n * side * side];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            byte[] image = mnist.image(i);
            for (int r = 0; r < side; r++) {
                for (int c = 0; c < side; c++) {
                    columns[i * side * side + c * side + r] = image[r * side + c];
                }
            }
            labels[i] = (byte) mnist.label(i);
        }
        Path folder = Files.createDirectories(dir.resolve("digits-t"));
        IdxWriter.write(folder.resolve("t10k-images-idx3-ubyte.gz"), IdxArray.ofUnsignedBytes(columns, n, side, side), true);
        IdxWriter.write(folder.resolve("t10k-labels-idx1-ubyte"), IdxArray.ofUnsignedBytes(labels, n), false);
        Dataset transposedDigits = new Dataset("digits-t", Dataset.MNIST.classNames(), 0.13f, 0.31f, true,
                Dataset.standardFiles(0, n, ZEROS, ZEROS,
                        Checksums.sha256OfContent(folder.resolve("t10k-images-idx3-ubyte.gz")),
                        Checksums.sha256OfContent(folder.resolve("t10k-labels-idx1-ubyte"))));

        MnistDataset loaded = DatasetLocator.only(dir).load(transposedDigits, Split.TEST);
        assertEquals(n, loaded.size());
        for (int i = 0; i < n; i++) {
            assertArrayEquals(mnist.image(i), loaded.image(i), "image " + i);
            assertEquals(mnist.label(i), loaded.label(i));
        }
    }

    @Test
    void aDescriptionIsCheckedWhenMade() {
        List<Dataset.File> files = Dataset.standardFiles(1, 1, ZEROS, ZEROS, ZEROS, ZEROS);
        assertThrows(IllegalArgumentException.class, () -> new Dataset("Bad Id", List.of("a", "b"), 0, 1, false, files));
        assertThrows(IllegalArgumentException.class, () -> new Dataset("one", List.of("a"), 0, 1, false, files));
        assertThrows(IllegalArgumentException.class, () -> new Dataset("x", List.of("a", "b"), 0, 0, false, files));
        assertThrows(IllegalArgumentException.class, () -> new Dataset("x", List.of("a", "b"), 0, 1, false,
                files.subList(0, 3)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Dataset.File("images.gz", 1, ZEROS));
        assertTrue(e.getMessage().contains("without .gz"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Dataset.File("images", 1, "abc"));
    }
}

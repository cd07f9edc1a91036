package dev.inkwell.mnist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A local folder that holds the standard files, gzipped or not: for example Debian's
 * {@code /usr/share/datasets/fashion-mnist} from the {@code dataset-fashion-mnist} package.
 */
public final class DirectorySource implements DatasetSource {
    private final Path dir;
    private final Dataset only;

    /**
     * Files in {@code dir}, offered for {@code only} (null: any dataset).
     *
     * @param dir the folder
     * @param only the dataset, or null
     */
    public DirectorySource(Path dir, Dataset only) {
        this.dir = dir;
        this.only = only;
    }

    @Override
    public String describe() {
        return "folder " + dir;
    }

    @Override
    public boolean offers(Dataset dataset) {
        return only == null || only == dataset;
    }

    @Override
    public void fetch(Dataset dataset, Dataset.File file, Path target, FetchProgress progress) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + " does not exist");
        }
        Files.copy(MnistDataset.find(dir, file), target, StandardCopyOption.REPLACE_EXISTING);
    }
}

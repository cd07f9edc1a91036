package dev.inkwell.examples.cli;

import dev.inkwell.mnist.Dataset;
import dev.inkwell.mnist.DatasetLocator;
import dev.inkwell.mnist.MnistDataset;
import dev.inkwell.models.ReferenceNets;
import dev.inkwell.train.LabeledImages;

import dev.inkwell.mnist.folder.ImageFolder;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The data options shared by the commands, and the conversion of a dataset into network inputs. */
final class DataOptions {
    static final String OPTIONS_HELP = """
              --dataset NAME|DIR   mnist (default), fashion-mnist, or a folder of images with
                                   DIR/train/<class>/* and DIR/test/<class>/*
              --data DIR           the folder holding the dataset (DIR/mnist/... or the files in DIR),
                                   the only place looked at; without it $INKWELL_DATA, then
                                   ~/.cache/inkwell/datasets, fetched there if missing
              --mirror URL         an extra HTTP mirror to fetch from (also $INKWELL_MIRROR)
              --no-verify          use dataset files whose SHA-256 differs from the dataset's
            """;

    private DataOptions() {
    }

    /** The value of a model's {@code preprocessing} info for images scaled to the input, not read as digits. */
    static final String RESIZE = "resize";

    /** The image folder named by {@code --dataset DIR}, or null when it names a standard dataset. */
    static Path imageFolder(Options o) throws UsageException {
        String value = o.string("dataset", "mnist");
        Path dir = Path.of(value);
        if (!Files.isDirectory(dir)) {
            if (value.contains("/") || value.contains(java.io.File.separator)) {
                throw new UsageException("--dataset " + value + ": no such folder");
            }
            return null;
        }
        if (!ImageFolder.isImageFolder(dir)) {
            throw new UsageException("--dataset " + value + ": a dataset folder holds train/<class>/ and test/<class>/");
        }
        return dir;
    }

    static Dataset dataset(Options o) throws UsageException {
        try {
            return Dataset.byId(o.string("dataset", "mnist"));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    static DatasetLocator locator(Options o) throws UsageException {
        List<URI> mirrors = new ArrayList<>();
        if (o.has("mirror")) {
            try {
                mirrors.add(URI.create(o.string("mirror", "")));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--mirror needs a URL: " + e.getMessage());
            }
        }
        DatasetLocator locator = DatasetLocator.standard(o.path("data"), mirrors);
        return o.has("no-verify") ? locator.verifiedBy(null) : locator;
    }

    /** Every image of a split, normalised with the dataset's statistics, with its label. */
    static LabeledImages labeled(MnistDataset d) {
        return new LabeledImages(d.normalizedImages(), d.labels(), ReferenceNets.INPUT_SHAPE);
    }

    /** The images at the given indices, in that order, normalised as by {@link #labeled(MnistDataset)}. */
    static LabeledImages labeled(MnistDataset d, int[] indices) {
        int size = ReferenceNets.INPUT_SHAPE.size();
        float[] inputs = new float[indices.length * size];
        int[] labels = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            d.normalizedImage(indices[i], inputs, i * size);
            labels[i] = d.label(indices[i]);
        }
        return new LabeledImages(inputs, labels, ReferenceNets.INPUT_SHAPE);
    }
}

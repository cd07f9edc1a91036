package dev.inkwell.mnist;

import dev.inkwell.model.Normalization;
import dev.inkwell.tensor.Shape;
import dev.inkwell.train.Samples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * One split of an MNIST-style dataset in memory: N grey images of 28x28 unsigned bytes (white ink on
 * black, row-major) and their labels. Loaded as a pair: the counts must agree, every label must be a
 * class, and the images must be 28x28.
 */
public final class MnistDataset {
    private final Dataset dataset;
    private final Split split;
    private final byte[] pixels;
    private final byte[] labels;
    private final int count;

    private MnistDataset(Dataset dataset, Split split, byte[] pixels, byte[] labels) {
        this.dataset = dataset;
        this.split = split;
        this.pixels = pixels;
        this.labels = labels;
        this.count = labels.length;
    }

    /**
     * Loads a split from {@code dir}, which holds the standard file names, each gzipped or not.
     *
     * @param dir the folder
     * @param dataset the dataset
     * @param split the split
     * @return the split's images and labels
     * @throws IOException if a file cannot be read or is not valid
     */
    public static MnistDataset load(Path dir, Dataset dataset, Split split) throws IOException {
        Path imagesFile = find(dir, dataset.images(split));
        Path labelsFile = find(dir, dataset.labels(split));
        IdxArray images = IdxReader.read(imagesFile);
        IdxArray labels = IdxReader.read(labelsFile);
        return fromIdx(dataset, split, images, imagesFile.toString(), labels, labelsFile.toString());
    }

    /**
     * Pairs already-read IDX arrays, checking them as {@link #load} does.
     *
     * @param dataset the dataset
     * @param split the split
     * @param images the images
     * @param imagesName the images' file name, for messages
     * @param labels the labels
     * @param labelsName the labels' file name, for messages
     * @return the split's images and labels
     * @throws IdxFormatException if the arrays do not fit the dataset or each other
     */
    public static MnistDataset fromIdx(Dataset dataset, Split split, IdxArray images, String imagesName,
                                       IdxArray labels, String labelsName) throws IdxFormatException {
        if (images.type() != IdxType.UNSIGNED_BYTE || images.rank() != 3 || images.dim(1) != Dataset.SIDE
                || images.dim(2) != Dataset.SIDE) {
            throw new IdxFormatException(imagesName, 0, "expected unsigned-byte images [N, 28, 28], found "
                    + images.type() + " " + Arrays.toString(images.dims()));
        }
        if (labels.type() != IdxType.UNSIGNED_BYTE || labels.rank() != 1) {
            throw new IdxFormatException(labelsName, 0, "expected unsigned-byte labels [N], found " + labels.type()
                    + " " + Arrays.toString(labels.dims()));
        }
        if (images.dim(0) != labels.dim(0)) {
            throw new IdxFormatException(labelsName, 4, labels.dim(0) + " labels for " + images.dim(0) + " images in "
                    + imagesName + "; the counts must agree");
        }
        byte[] l = labels.rawData();
        int classes = dataset.classNames().size();
        for (int i = 0; i < l.length; i++) {
            if ((l[i] & 0xFF) >= classes) {
                throw new IdxFormatException(labelsName, 8 + i, "label " + (l[i] & 0xFF) + " of image " + i
                        + " is not a class in [0, " + classes + ")");
            }
        }
        byte[] pixels = images.rawData();
        if (dataset.transposed()) {
            pixels = transposed(pixels);
        }
        return new MnistDataset(dataset, split, pixels, l);
    }

    /** Each 28x28 image stored column by column, turned row by row. */
    private static byte[] transposed(byte[] pixels) {
        int side = Dataset.SIDE, n = side * side;
        byte[] out = new byte[pixels.length];
        for (int base = 0; base < pixels.length; base += n) {
            for (int r = 0; r < side; r++) {
                for (int c = 0; c < side; c++) {
                    out[base + r * side + c] = pixels[base + c * side + r];
                }
            }
        }
        return out;
    }

    /** {@code dir/name}, or {@code dir/name.gz} if only that exists. */
    static Path find(Path dir, Dataset.File file) throws IOException {
        Path raw = dir.resolve(file.name());
        if (Files.isRegularFile(raw)) {
            return raw;
        }
        Path gz = dir.resolve(file.name() + ".gz");
        if (Files.isRegularFile(gz)) {
            return gz;
        }
        throw new java.nio.file.NoSuchFileException(raw.toString(), null, "neither it nor " + gz.getFileName()
                + " exists");
    }

    /**
     * The dataset this split belongs to.
     *
     * @return the dataset
     */
    public Dataset dataset() {
        return dataset;
    }

    /**
     * Which split this is.
     *
     * @return the split
     */
    public Split split() {
        return split;
    }

    /**
     * Number of images.
     *
     * @return the count
     */
    public int size() {
        return count;
    }

    /**
     * The class names, in label order.
     *
     * @return the class names
     */
    public List<String> classNames() {
        return dataset.classNames();
    }

    /**
     * Image {@code i}'s label.
     *
     * @param i the image
     * @return its label
     */
    public int label(int i) {
        return labels[checkIndex(i)] & 0xFF;
    }

    /**
     * All labels, 0..9.
     *
     * @return the labels
     */
    public int[] labels() {
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = labels[i] & 0xFF;
        }
        return out;
    }

    /**
     * Pixel (row, col) of image i, 0..255.
     *
     * @param i the image
     * @param row the row
     * @param col the column
     * @return the pixel
     */
    public int pixel(int i, int row, int col) {
        return pixels[checkIndex(i) * Dataset.SIDE * Dataset.SIDE + row * Dataset.SIDE + col] & 0xFF;
    }

    /**
     * A copy of image i's 784 pixels, 0..255 in unsigned bytes.
     *
     * @param i the image
     * @return its pixels
     */
    public byte[] image(int i) {
        int from = checkIndex(i) * Dataset.SIDE * Dataset.SIDE;
        return Arrays.copyOfRange(pixels, from, from + Dataset.SIDE * Dataset.SIDE);
    }

    /**
     * Writes image i as network input into {@code out} at {@code offset}: pixel/255, then
     * (x - mean)/std with the dataset's statistics.
     *
     * @param i the image
     * @param out receives the input
     * @param offset where it starts in {@code out}
     */
    public void normalizedImage(int i, float[] out, int offset) {
        int n = Dataset.SIDE * Dataset.SIDE;
        int from = checkIndex(i) * n;
        Normalization.of(dataset.mean(), dataset.std()).apply(pixels, from, out, offset, n);
    }

    /**
     * Every image as samples normalised when they are read ({@link #normalizedImage}): evaluation without a
     * float copy of the whole split.
     *
     * @return the samples
     */
    public Samples samples() {
        Shape shape = Shape.of(1, Dataset.SIDE, Dataset.SIDE);
        return new Samples() {
            @Override
            public int size() {
                return count;
            }

            @Override
            public Shape sampleShape() {
                return shape;
            }

            @Override
            public int label(int i) {
                return MnistDataset.this.label(i);
            }

            @Override
            public void copyInput(int i, float[] dst, int dstOff) {
                normalizedImage(i, dst, dstOff);
            }
        };
    }

    /**
     * Every image normalised as by {@link #normalizedImage}, NCHW [N, 1, 28, 28].
     *
     * @return the inputs
     */
    public float[] normalizedImages() {
        int n = Dataset.SIDE * Dataset.SIDE;
        float[] out = new float[count * n];
        for (int i = 0; i < count; i++) {
            normalizedImage(i, out, i * n);
        }
        return out;
    }

    private int checkIndex(int i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException("image " + i + " of " + count);
        }
        return i;
    }
}

package dev.inkwell.mnist;

import java.util.List;
import java.util.Locale;

/**
 * A description of an MNIST-style dataset: 28x28 grey images in four IDX files (training and test images and
 * labels), gzipped or not. It names its folder, its files with their sizes and the SHA-256 of their
 * decompressed content, its class names, the normalisation statistics of its training images (pixel/255),
 * and whether its images are stored transposed (column by column, as EMNIST's are). MNIST and Fashion-MNIST
 * are built in; describe another with the constructor.
 */
public final class Dataset {
    /** Image side length of every MNIST-style dataset. */
    public static final int SIDE = 28;

    /** MNIST: handwritten digits, 60,000 training and 10,000 test images. */
    public static final Dataset MNIST = new Dataset("mnist",
            List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), 0.1307f, 0.3081f, false,
            standardFiles(60_000, 10_000,
                    "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
                    "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
                    "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
                    "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"));
    /** Fashion-MNIST: Zalando's article images, in MNIST's format and sizes. */
    public static final Dataset FASHION_MNIST = new Dataset("fashion-mnist", List.of("T-shirt/top", "Trouser",
            "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"), 0.2860f, 0.3530f, false,
            standardFiles(60_000, 10_000,
                    "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
                    "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
                    "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
                    "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34"));

    /**
     * One of the four files.
     *
     * @param name   its standard name, without {@code .gz}
     * @param bytes  its decompressed size
     * @param sha256 the SHA-256 of its decompressed content, lower-case hex
     */
    public record File(String name, long bytes, String sha256) {
        /**
         * Checks the name and checksum format.
         *
         * @param name the file name
         * @param bytes the uncompressed size
         * @param sha256 the SHA-256 of the uncompressed content, lower-case hex
         */
        public File {
            if (name == null || !name.matches("[A-Za-z0-9._-]+") || name.endsWith(".gz")) {
                throw new IllegalArgumentException("a dataset file name is a plain name without .gz, got '" + name + "'");
            }
            if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException(name + ": a SHA-256 is 64 lower-case hex digits, got '" + sha256 + "'");
            }
            if (bytes < 0) {
                throw new IllegalArgumentException(name + ": size " + bytes);
            }
        }
    }

    private final String id;
    private final List<String> classNames;
    private final float mean;
    private final float std;
    private final boolean transposed;
    private final List<File> files;

    /**
     * @param id         the folder name under a data root and the {@code --dataset} value
     * @param classNames in label order
     * @param mean       mean of the training pixels scaled to [0, 1]
     * @param std        their standard deviation
     * @param transposed whether each image is stored column by column (EMNIST); it is transposed on loading
     * @param files      training images, training labels, test images, test labels
     */
    public Dataset(String id, List<String> classNames, float mean, float std, boolean transposed, List<File> files) {
        if (id == null || !id.matches("[a-z0-9][a-z0-9._-]*")) {
            throw new IllegalArgumentException("a dataset id is lower-case letters, digits, '.', '_' and '-', got '"
                    + id + "'");
        }
        if (classNames.size() < 2 || classNames.size() > 256) {
            throw new IllegalArgumentException(id + ": " + classNames.size() + " classes; labels are bytes, 2 to 256");
        }
        if (!(std > 0) || !Float.isFinite(mean)) {
            throw new IllegalArgumentException(id + ": normalisation needs a finite mean and std > 0");
        }
        if (files.size() != 4) {
            throw new IllegalArgumentException(id + ": " + files.size() + " files; a dataset has four (training "
                    + "images and labels, test images and labels)");
        }
        this.id = id;
        this.classNames = List.copyOf(classNames);
        this.mean = mean;
        this.std = std;
        this.transposed = transposed;
        this.files = List.copyOf(files);
    }

    /**
     * The four files under MNIST's standard names and sizes for these image counts.
     *
     * @param trainImages the number of training images
     * @param testImages the number of test images
     * @param trainImagesSha SHA-256 of the training images
     * @param trainLabelsSha SHA-256 of the training labels
     * @param testImagesSha SHA-256 of the test images
     * @param testLabelsSha SHA-256 of the test labels
     * @return the four files
     */
    public static List<File> standardFiles(int trainImages, int testImages, String trainImagesSha,
                                           String trainLabelsSha, String testImagesSha, String testLabelsSha) {
        long image = (long) SIDE * SIDE;
        return List.of(
                new File("train-images-idx3-ubyte", 16 + trainImages * image, trainImagesSha),
                new File("train-labels-idx1-ubyte", 8 + trainImages, trainLabelsSha),
                new File("t10k-images-idx3-ubyte", 16 + testImages * image, testImagesSha),
                new File("t10k-labels-idx1-ubyte", 8 + testImages, testLabelsSha));
    }

    /**
     * The built-in datasets.
     *
     * @return the datasets
     */
    public static List<Dataset> known() {
        return List.of(MNIST, FASHION_MNIST);
    }

    /**
     * The folder name under a data root, and the {@code --dataset} value: {@code mnist}, {@code fashion-mnist}.
     *
     * @return the id
     */
    public String id() {
        return id;
    }

    /**
     * The class names, in label order.
     *
     * @return the class names
     */
    public List<String> classNames() {
        return classNames;
    }

    /**
     * Mean of the training pixels scaled to [0, 1].
     *
     * @return the mean
     */
    public float mean() {
        return mean;
    }

    /**
     * Standard deviation of the training pixels scaled to [0, 1].
     *
     * @return the standard deviation
     */
    public float std() {
        return std;
    }

    /**
     * Whether the images are stored column by column; they are transposed on loading.
     *
     * @return whether the images are transposed
     */
    public boolean transposed() {
        return transposed;
    }

    /**
     * The four files: train images, train labels, test images, test labels.
     *
     * @return the files
     */
    public List<File> files() {
        return files;
    }

    /** The images file of a split. */
    File images(Split split) {
        return files.get(split == Split.TRAIN ? 0 : 2);
    }

    /** The labels file of a split. */
    File labels(Split split) {
        return files.get(split == Split.TRAIN ? 1 : 3);
    }

    /**
     * The built-in dataset with this {@link #id()}.
     *
     * @param id the id
     * @return the dataset
     */
    public static Dataset byId(String id) {
        for (Dataset d : known()) {
            if (d.id.equalsIgnoreCase(id)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown dataset '" + id + "'; choose mnist or fashion-mnist");
    }

    @Override
    public String toString() {
        return id.toUpperCase(Locale.ROOT).replace('-', '_');
    }
}

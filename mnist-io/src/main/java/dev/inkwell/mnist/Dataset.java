package dev.inkwell.mnist;

import java.util.List;

/**
 * The datasets Inkwell knows: their folder name, files with the SHA-256 of their decompressed content,
 * class names, and the normalisation statistics of their training images (pixel/255).
 */
public enum Dataset {
    MNIST("mnist", List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), 0.1307f, 0.3081f,
            "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
            "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
            "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
            "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"),
    FASHION_MNIST("fashion-mnist", List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt",
            "Sneaker", "Bag", "Ankle boot"), 0.2860f, 0.3530f,
            "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
            "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
            "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
            "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34");

    /** Image side length of every MNIST-style dataset. */
    public static final int SIDE = 28;

    /** One of the four files: its standard name (without .gz), decompressed size and SHA-256. */
    public record File(String name, long bytes, String sha256) {
    }

    private final String id;
    private final List<String> classNames;
    private final float mean;
    private final float std;
    private final List<File> files;

    Dataset(String id, List<String> classNames, float mean, float std, String trainImages, String trainLabels,
            String testImages, String testLabels) {
        this.id = id;
        this.classNames = classNames;
        this.mean = mean;
        this.std = std;
        this.files = List.of(
                new File("train-images-idx3-ubyte", 47_040_016, trainImages),
                new File("train-labels-idx1-ubyte", 60_008, trainLabels),
                new File("t10k-images-idx3-ubyte", 7_840_016, testImages),
                new File("t10k-labels-idx1-ubyte", 10_008, testLabels));
    }

    /** The folder name under a data root, and the {@code --dataset} value: {@code mnist}, {@code fashion-mnist}. */
    public String id() {
        return id;
    }

    public List<String> classNames() {
        return classNames;
    }

    /** Mean of the training pixels scaled to [0, 1]. */
    public float mean() {
        return mean;
    }

    /** Standard deviation of the training pixels scaled to [0, 1]. */
    public float std() {
        return std;
    }

    /** The four files: train images, train labels, test images, test labels. */
    public List<File> files() {
        return files;
    }

    /** The images and labels files of a split. */
    File images(Split split) {
        return files.get(split == Split.TRAIN ? 0 : 2);
    }

    File labels(Split split) {
        return files.get(split == Split.TRAIN ? 1 : 3);
    }

    /** The dataset with this {@link #id()}. */
    public static Dataset byId(String id) {
        for (Dataset d : values()) {
            if (d.id.equalsIgnoreCase(id)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown dataset '" + id + "'; choose mnist or fashion-mnist");
    }
}

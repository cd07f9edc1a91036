package dev.inkwell.mnist.folder;

import dev.inkwell.mnist.Split;
import dev.inkwell.mnist.image.ImageDecoder;
import dev.inkwell.model.Normalization;
import dev.inkwell.tensor.Shape;
import dev.inkwell.train.LabeledImages;
import dev.inkwell.train.Samples;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One split of a class-per-folder image dataset: {@code ROOT/train/<class>/*} and {@code ROOT/test/<class>/*},
 * any image format the JDK decodes (PNG, JPEG, GIF, BMP), any size, grey or colour. Class names are the
 * training split's folder names, sorted; every image is scaled to side x side and kept as bytes, channel by
 * channel ([C, side, side]). Grey datasets have one channel, colour ones three: a split is colour when any of
 * its images is. Files whose names start with a dot are skipped; anything else that is not a decodable
 * image is an error naming the file.
 */
public final class ImageFolder {
    /** Two channel values further apart than this in one pixel make an image colour (JPEG leaves a little). */
    private static final int GREY_TOLERANCE = 8;

    private final Path root;
    private final Split split;
    private final List<String> classNames;
    private final int channels;
    private final int side;
    private final byte[] pixels;
    private final int[] labels;

    private ImageFolder(Path root, Split split, List<String> classNames, int channels, int side, byte[] pixels,
                        int[] labels) {
        this.root = root;
        this.split = split;
        this.classNames = List.copyOf(classNames);
        this.channels = channels;
        this.side = side;
        this.pixels = pixels;
        this.labels = labels;
    }

    /**
     * Whether {@code dir} looks like such a dataset: it has a {@code train} or a {@code test} folder.
     *
     * @param dir the folder
     * @return whether it looks like an image folder
     */
    public static boolean isImageFolder(Path dir) {
        return Files.isDirectory(dir.resolve("train")) || Files.isDirectory(dir.resolve("test"));
    }

    /**
     * The class names of a dataset: the folders under {@code ROOT/train}, sorted.
     *
     * @param root the dataset's folder
     * @return the class names
     * @throws IOException if the folder cannot be listed or has no classes
     */
    public static List<String> classNames(Path root) throws IOException {
        Path train = root.resolve("train");
        if (!Files.isDirectory(train)) {
            throw new IOException(root + ": no train/ folder with one subfolder per class");
        }
        List<String> names;
        try (Stream<Path> s = Files.list(train)) {
            names = s.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith(".")).sorted().toList();
        }
        if (names.size() < 2) {
            throw new IOException(train + ": " + names.size() + " class folder(s); a dataset needs at least two");
        }
        return names;
    }

    /**
     * Loads one split, every image scaled to {@code side} x {@code side}.
     *
     * @param root the dataset's folder
     * @param split the split to load
     * @param classNames the classes, in label order (from {@link #classNames(Path)} or a model); a class folder
     *                   missing from the split is allowed, a folder that is not a class is an error
     * @param side the side every image is scaled to
     * @param channels 1 or 3 to convert every image to grey or RGB; 0 to choose (3 if any image is colour)
     * @return the split
     * @throws IOException if a folder cannot be listed or an image cannot be read
     */
    public static ImageFolder load(Path root, Split split, List<String> classNames, int side, int channels)
            throws IOException {
        if (side < 4 || side > 1024) {
            throw new IllegalArgumentException("image size must be in [4, 1024], got " + side);
        }
        if (channels != 0 && channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 0 (choose), 1 or 3, got " + channels);
        }
        Path dir = root.resolve(split == Split.TRAIN ? "train" : "test");
        if (!Files.isDirectory(dir)) {
            throw new IOException(root + ": no " + dir.getFileName() + "/ folder");
        }
        List<Path> files = new ArrayList<>();
        List<Integer> fileLabels = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path classDir : s.sorted().toList()) {
                String name = classDir.getFileName().toString();
                if (name.startsWith(".")) {
                    continue;
                }
                int label = classNames.indexOf(name);
                if (!Files.isDirectory(classDir) || label < 0) {
                    throw new IOException(classDir + ": not one of the classes " + classNames);
                }
                try (Stream<Path> images = Files.list(classDir)) {
                    for (Path f : images.sorted().toList()) {
                        if (!f.getFileName().toString().startsWith(".")) {
                            files.add(f);
                            fileLabels.add(label);
                        }
                    }
                }
            }
        }
        if (files.isEmpty()) {
            throw new IOException(dir + ": no images");
        }
        long bytes = (long) files.size() * 3 * side * side;
        if (bytes > Integer.MAX_VALUE - 8) {
            throw new IOException(dir + ": " + files.size() + " images of " + side + "x" + side
                    + " do not fit in one array; use a smaller --image-size");
        }
        ImageDecoder decoder = new ImageDecoder();
        List<BufferedImage> scaled = new ArrayList<>(files.size());
        boolean colour = false;
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                throw new IOException(f + ": not a regular file");
            }
            BufferedImage image = ImageResizer.toSquare(decoder.decode(f), side);
            colour |= channels == 0 && isColour(image);
            scaled.add(image);
        }
        int c = channels != 0 ? channels : colour ? 3 : 1;
        int n = c * side * side;
        byte[] pixels = new byte[files.size() * n];
        int[] labels = new int[files.size()];
        for (int k = 0; k < scaled.size(); k++) {
            System.arraycopy(planes(scaled.get(k), c), 0, pixels, k * n, n);
            labels[k] = fileLabels.get(k);
        }
        return new ImageFolder(root, split, classNames, c, side, pixels, labels);
    }

    /**
     * Any decoded image as a network input of this kind of dataset: scaled to side x side (transparency over
     * white) and laid out channel by channel, grey (luminance) for one channel or RGB for three.
     *
     * @param image the image
     * @param side the side of the result
     * @param channels 1 or 3
     * @return the pixels
     */
    public static byte[] pixels(BufferedImage image, int side, int channels) {
        return planes(ImageResizer.toSquare(image, side), channels);
    }

    private static byte[] planes(BufferedImage square, int channels) {
        int side = square.getWidth(), plane = side * side;
        int[] rgb = square.getRGB(0, 0, side, side, null, 0, side);
        byte[] out = new byte[channels * plane];
        for (int i = 0; i < plane; i++) {
            int r = (rgb[i] >> 16) & 0xFF, g = (rgb[i] >> 8) & 0xFF, b = rgb[i] & 0xFF;
            if (channels == 1) {
                out[i] = (byte) Math.round(0.299 * r + 0.587 * g + 0.114 * b);
            } else {
                out[i] = (byte) r;
                out[plane + i] = (byte) g;
                out[2 * plane + i] = (byte) b;
            }
        }
        return out;
    }

    private static boolean isColour(BufferedImage image) {
        int[] rgb = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        for (int p : rgb) {
            int r = (p >> 16) & 0xFF, g = (p >> 8) & 0xFF, b = p & 0xFF;
            if (Math.abs(r - g) > GREY_TOLERANCE || Math.abs(g - b) > GREY_TOLERANCE) {
                return true;
            }
        }
        return false;
    }

    /**
     * The dataset's folder.
     *
     * @return the folder
     */
    public Path root() {
        return root;
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
     * The class names, in label order.
     *
     * @return the class names
     */
    public List<String> classNames() {
        return classNames;
    }

    /**
     * 1 (grey) or 3 (RGB).
     *
     * @return the channel count
     */
    public int channels() {
        return channels;
    }

    /**
     * The number of images.
     *
     * @return the count
     */
    public int size() {
        return labels.length;
    }

    /**
     * One image's shape: [channels, side, side].
     *
     * @return the shape
     */
    public Shape sampleShape() {
        return Shape.of(channels, side, side);
    }

    /**
     * Image {@code i}'s bytes, channel by channel, 0..255.
     *
     * @param i the image
     * @return its bytes
     */
    public byte[] image(int i) {
        int n = channels * side * side;
        return java.util.Arrays.copyOfRange(pixels, i * n, (i + 1) * n);
    }

    /**
     * Image {@code i}'s label.
     *
     * @param i the image
     * @return its label
     */
    public int label(int i) {
        return labels[i];
    }

    /**
     * The mean of pixel/255 in each channel, over every image.
     *
     * @return the means
     */
    public float[] channelMeans() {
        float[] mean = new float[channels];
        double[][] m = moments();
        for (int c = 0; c < channels; c++) {
            mean[c] = (float) m[c][0];
        }
        return mean;
    }

    /**
     * The standard deviation of pixel/255 in each channel, over every image (at least 1e-3).
     *
     * @return the standard deviations
     */
    public float[] channelStds() {
        float[] std = new float[channels];
        double[][] m = moments();
        for (int c = 0; c < channels; c++) {
            std[c] = (float) Math.max(1e-3, Math.sqrt(Math.max(0, m[c][1] - m[c][0] * m[c][0])));
        }
        return std;
    }

    private double[][] moments() {
        int plane = side * side;
        double[][] m = new double[channels][2];
        for (int n = 0; n < size(); n++) {
            for (int c = 0; c < channels; c++) {
                int base = (n * channels + c) * plane;
                for (int i = 0; i < plane; i++) {
                    double v = (pixels[base + i] & 0xFF) / 255.0;
                    m[c][0] += v;
                    m[c][1] += v * v;
                }
            }
        }
        long count = (long) size() * plane;
        for (double[] mc : m) {
            mc[0] /= count;
            mc[1] /= count;
        }
        return m;
    }

    /**
     * The images at {@code indices} as samples normalised when they are read: a quarter of the memory of
     * {@link #labeled}'s floats, for datasets too large for one float array.
     *
     * @param indices the images to take
     * @param normalization how to normalise them
     * @return the samples
     */
    public Samples samples(int[] indices, Normalization normalization) {
        if (normalization.channels() != 1 && normalization.channels() != channels) {
            throw new IllegalArgumentException(normalization.channels() + " means for " + channels + " channels");
        }
        int[] chosen = indices.clone();
        for (int i : chosen) {
            java.util.Objects.checkIndex(i, size());
        }
        int n = channels * side * side;
        Shape shape = sampleShape();
        return new Samples() {
            @Override
            public int size() {
                return chosen.length;
            }

            @Override
            public Shape sampleShape() {
                return shape;
            }

            @Override
            public int label(int i) {
                return labels[chosen[i]];
            }

            @Override
            public void copyInput(int i, float[] dst, int dstOff) {
                normalization.apply(pixels, chosen[i] * n, dst, dstOff, n);
            }
        };
    }

    /**
     * The images at {@code indices}, normalised, with their labels.
     *
     * @param indices the images to take
     * @param normalization how to normalise them
     * @return the images and labels
     */
    public LabeledImages labeled(int[] indices, Normalization normalization) {
        return LabeledImages.copyOf(samples(indices, normalization));
    }
}

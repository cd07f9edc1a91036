package dev.inkwell.models;

import dev.inkwell.nn.BatchNorm1d;
import dev.inkwell.nn.BatchNorm2d;
import dev.inkwell.nn.Conv2d;
import dev.inkwell.nn.Dropout;
import dev.inkwell.nn.Flatten;
import dev.inkwell.nn.Linear;
import dev.inkwell.nn.MaxPool2d;
import dev.inkwell.nn.ReLU;
import dev.inkwell.nn.Sequential;
import dev.inkwell.tensor.Shape;

import java.util.List;
import java.util.Locale;

/**
 * The reference networks that benchmarks and peers share, exactly as specified (unbuilt; build them
 * with {@link #INPUT_SHAPE}). Each for 28x28 single-channel inputs and 10 classes.
 */
public final class ReferenceNets {
    /** MNIST-style input: one channel, 28x28. */
    public static final Shape INPUT_SHAPE = Shape.of(1, 28, 28);
    /** Names accepted by {@link #byName}. */
    public static final List<String> NAMES = List.of("fast", "nets", "netl", "lenet5", "best");

    private ReferenceNets() {
    }

    /**
     * NetS, Keras' mnist_convnet: Conv3x3(1→32) ReLU MaxPool2 Conv3x3(32→64) ReLU MaxPool2 Flatten(1600)
     * Dropout(0.5) Linear(1600→10); 34,826 parameters.
     *
     * @return the network, unbuilt
     */
    public static Sequential netS() {
        return netS(1, 10);
    }

    /**
     * NetS for {@code channels} input channels and {@code classes} classes, any image size it fits.
     *
     * @param channels input channels
     * @param classes output classes
     * @return the network, unbuilt
     */
    public static Sequential netS(int channels, int classes) {
        return new Sequential()
                .add(new Conv2d(channels, 32, 3)).add(new ReLU()).add(new MaxPool2d(2))
                .add(new Conv2d(32, 64, 3)).add(new ReLU()).add(new MaxPool2d(2))
                .add(new Flatten()).add(new Dropout(0.5))
                .add(new Linear(classes));
    }

    /**
     * NetL, PyTorch's examples/mnist: Conv3x3(1→32) ReLU Conv3x3(32→64) ReLU MaxPool2 Dropout(0.25)
     * Flatten(9216) Linear(9216→128) ReLU Dropout(0.5) Linear(128→10); 1,199,882 parameters.
     *
     * @return the network, unbuilt
     */
    public static Sequential netL() {
        return netL(1, 10);
    }

    /**
     * NetL for {@code channels} input channels and {@code classes} classes.
     *
     * @param channels input channels
     * @param classes output classes
     * @return the network, unbuilt
     */
    public static Sequential netL(int channels, int classes) {
        return new Sequential()
                .add(new Conv2d(channels, 32, 3)).add(new ReLU())
                .add(new Conv2d(32, 64, 3)).add(new ReLU()).add(new MaxPool2d(2))
                .add(new Dropout(0.25)).add(new Flatten())
                .add(new Linear(128)).add(new ReLU()).add(new Dropout(0.5))
                .add(new Linear(128, classes));
    }

    /**
     * LeNet-5 with ReLU and max pooling: Conv5x5(1→6, pad 2) ReLU MaxPool2 Conv5x5(6→16) ReLU MaxPool2
     * Flatten(400) Linear(400→120) ReLU Linear(120→84) ReLU Linear(84→10).
     *
     * @return the network, unbuilt
     */
    public static Sequential leNet5() {
        return leNet5(1, 10);
    }

    /**
     * LeNet-5 for {@code channels} input channels and {@code classes} classes.
     *
     * @param channels input channels
     * @param classes output classes
     * @return the network, unbuilt
     */
    public static Sequential leNet5(int channels, int classes) {
        return new Sequential()
                .add(new Conv2d(Conv2d.Spec.of(channels, 6, 5).padding(2))).add(new ReLU()).add(new MaxPool2d(2))
                .add(new Conv2d(6, 16, 5)).add(new ReLU()).add(new MaxPool2d(2))
                .add(new Flatten())
                .add(new Linear(120)).add(new ReLU())
                .add(new Linear(120, 84)).add(new ReLU())
                .add(new Linear(84, classes));
    }

    /**
     * The project's own accuracy network: two blocks of two 3x3 convolutions with batch norm, each
     * block ending in 2x2 max pooling (28 → 12 → 4), then a 256-unit hidden layer with batch norm and
     * dropout. Convolutions before batch norm have no bias (the norm's shift replaces it).
     *
     * @return the network, unbuilt
     */
    public static Sequential best() {
        return best(1, 10);
    }

    /**
     * The accuracy network for {@code channels} input channels and {@code classes} classes.
     *
     * @param channels input channels
     * @param classes output classes
     * @return the network, unbuilt
     */
    public static Sequential best(int channels, int classes) {
        return best(channels, classes, 0);
    }

    /**
     * {@link #best(int, int)} with every convolution padded to keep its input's size (28 → 28 → 14 → 7), for
     * images whose object fills the frame, as a garment does: the unpadded network reads the outermost
     * pixels less often than the rest, which costs nothing on digits (MNIST leaves a blank margin of four
     * pixels) but costs clothing its edges. About twice the work of {@code best}; 871,082 parameters for
     * ten classes.
     *
     * @param channels input channels
     * @param classes output classes
     * @return the network, unbuilt
     */
    public static Sequential bestFullFrame(int channels, int classes) {
        return best(channels, classes, 1);
    }

    private static Sequential best(int channels, int classes, int padding) {
        return new Sequential()
                .add(conv(channels, 32, padding)).add(new BatchNorm2d(32)).add(new ReLU())
                .add(conv(32, 32, padding)).add(new BatchNorm2d(32)).add(new ReLU())
                .add(new MaxPool2d(2))
                .add(conv(32, 64, padding)).add(new BatchNorm2d(64)).add(new ReLU())
                .add(conv(64, 64, padding)).add(new BatchNorm2d(64)).add(new ReLU())
                .add(new MaxPool2d(2))
                .add(new Flatten())
                .add(new Linear(Linear.Spec.of(Linear.Spec.INFERRED, 256).bias(false))).add(new BatchNorm1d(256))
                .add(new ReLU())
                .add(new Dropout(0.4))
                .add(new Linear(256, classes));
    }

    /** A bias-free 3x3 convolution, for a batch norm to follow. */
    private static Conv2d conv(int in, int out, int padding) {
        return new Conv2d(Conv2d.Spec.of(in, out, 3).padding(padding).bias(false));
    }

    /**
     * The network of the default training recipe, small enough to train to 99% on MNIST in seconds: two
     * 5x5 convolutions (24 and 32 channels, no bias) each with batch norm, ReLU and 2x2 max pooling
     * (28 → 12 → 4), then one linear layer; 25,042 parameters for MNIST.
     *
     * @return the network, unbuilt
     */
    public static Sequential fast() {
        return fast(1, 10);
    }

    /**
     * The default recipe's network for {@code channels} input channels and {@code classes} classes.
     *
     * @param channels input channels
     * @param classes output classes
     * @return the network, unbuilt
     */
    public static Sequential fast(int channels, int classes) {
        return new Sequential()
                .add(new Conv2d(Conv2d.Spec.of(channels, 24, 5).bias(false))).add(new BatchNorm2d(24)).add(new ReLU())
                .add(new MaxPool2d(2))
                .add(new Conv2d(Conv2d.Spec.of(24, 32, 5).bias(false))).add(new BatchNorm2d(32)).add(new ReLU())
                .add(new MaxPool2d(2))
                .add(new Flatten())
                .add(new Linear(classes));
    }

    /**
     * One of {@link #NAMES}, case-insensitive, for MNIST: one channel, ten classes.
     *
     * @param name the architecture's name
     * @return the network, unbuilt
     */
    public static Sequential byName(String name) {
        return byName(name, 1, 10);
    }

    /**
     * One of {@link #NAMES} for {@code channels} input channels and {@code classes} classes; the fully
     * connected layers take their input size from the image size at build.
     *
     * @param name the architecture's name
     * @param channels input channels
     * @param classes output classes
     * @return the network, unbuilt
     */
    public static Sequential byName(String name, int channels, int classes) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "fast":
                return fast(channels, classes);
            case "nets":
                return netS(channels, classes);
            case "netl":
                return netL(channels, classes);
            case "lenet5":
                return leNet5(channels, classes);
            case "best":
                return best(channels, classes);
            default:
                throw new IllegalArgumentException("unknown architecture '" + name + "'; choose one of " + NAMES);
        }
    }
}

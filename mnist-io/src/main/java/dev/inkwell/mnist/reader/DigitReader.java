package dev.inkwell.mnist.reader;

import dev.inkwell.mnist.image.DigitPreprocessor;
import dev.inkwell.mnist.image.ImageFormatException;
import dev.inkwell.mnist.image.LocatedDigit;
import dev.inkwell.mnist.image.NoDigitException;
import dev.inkwell.model.Model;
import dev.inkwell.model.ModelFormatException;
import dev.inkwell.model.Prediction;
import dev.inkwell.model.Predictor;
import dev.inkwell.nn.ComputeContext;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads the handwritten digit in a picture: preprocessing into MNIST's 28x28 form, then a model. Two
 * lines with the pretrained model that ships in this jar:
 * <pre>{@code
 * DigitReader reader = DigitReader.pretrained();
 * Prediction p = reader.read(Path.of("digit.png"));   // p.best(), p.confidence(), p.ranking()
 * }</pre>
 * and a whole number, each digit with its box:
 * <pre>{@code
 * NumberReading n = reader.readNumber(Path.of("number.png"));   // n.digits(), e.g. "2026"
 * }</pre>
 * A reader is safe to use from any number of threads at once.
 */
public final class DigitReader {
    /** Where the pretrained model lives on the class path. */
    static final String PRETRAINED_RESOURCE = "/dev/inkwell/mnist/reader/pretrained-digits.inkwell";

    private final Predictor predictor;
    private final DigitPreprocessor preprocessor;

    private DigitReader(Predictor predictor, DigitPreprocessor preprocessor) {
        this.predictor = predictor;
        this.preprocessor = preprocessor;
    }

    /**
     * A reader with the pretrained model: the {@code best} network behind an {@link dev.inkwell.nn.ImageLevels}
     * and a {@link dev.inkwell.nn.Recentre} layer, trained on degraded images too; 99.66% on the MNIST test set.
     *
     * @return the reader
     * @throws ModelFormatException if the model resource is damaged
     */
    public static DigitReader pretrained() throws ModelFormatException {
        return of(pretrainedModel(ComputeContext.withThreads(1), 1));
    }

    /**
     * A reader with your own model of 28x28 grey digits and the default preprocessing.
     *
     * @param model the model
     * @return the reader
     */
    public static DigitReader of(Model model) {
        return new DigitReader(Predictor.of(Objects.requireNonNull(model, "model")), new DigitPreprocessor());
    }

    /**
     * A reader with a predictor you already hold and your own preprocessing (its decoder's limits).
     *
     * @param predictor the model, ready to predict
     * @param preprocessor turns pictures into the model's 28x28 input
     * @return the reader
     */
    public static DigitReader of(Predictor predictor, DigitPreprocessor preprocessor) {
        return new DigitReader(Objects.requireNonNull(predictor, "predictor"),
                Objects.requireNonNull(preprocessor, "preprocessor"));
    }

    /**
     * The pretrained model itself, its network built for batches of up to {@code maxBatch} on
     * {@code context}: to evaluate it, inspect it or fine-tune it.
     *
     * @param context the threads and kernels to run on
     * @param maxBatch the largest batch
     * @return the model
     * @throws ModelFormatException if the model resource is damaged
     */
    public static Model pretrainedModel(ComputeContext context, int maxBatch) throws ModelFormatException {
        try (InputStream in = DigitReader.class.getResourceAsStream(PRETRAINED_RESOURCE)) {
            if (in == null) {
                throw new ModelFormatException("the pretrained model " + PRETRAINED_RESOURCE
                        + " is not on the class path (is inkwell-mnist-io's jar complete?)");
            }
            return Model.load(in.readAllBytes(), "pretrained model", context, maxBatch);
        } catch (ModelFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new ModelFormatException("the pretrained model could not be read: " + e.getMessage(), e);
        }
    }

    /**
     * Reads the digit in an image file (PNG, JPEG, GIF, BMP; any size, either polarity).
     *
     * @param image the image file
     * @return the prediction
     * @throws IOException if the file cannot be read or decoded, or holds no digit
     */
    public Prediction read(Path image) throws IOException {
        return predictor.predict(preprocessor.read(image));
    }

    /**
     * Reads the digit in an encoded image held in memory; {@code source} names it in errors.
     *
     * @param encodedImage the encoded image
     * @param source the name of the image
     * @return the prediction
     * @throws ImageFormatException if the bytes are not a supported image
     * @throws NoDigitException if the image holds no digit
     */
    public Prediction read(byte[] encodedImage, String source) throws ImageFormatException, NoDigitException {
        return predictor.predict(preprocessor.read(encodedImage, source));
    }

    /**
     * Reads the digit in a decoded image; {@code source} names it in errors.
     *
     * @param image the image
     * @param source the name of the image
     * @return the prediction
     * @throws NoDigitException if the image holds no digit
     */
    public Prediction read(BufferedImage image, String source) throws NoDigitException {
        return predictor.predict(DigitPreprocessor.toMnist(image, source));
    }

    /**
     * Reads the number written in an image file: every digit, left to right, with its box.
     *
     * @param image the image file
     * @return the number
     * @throws IOException if the file cannot be read or decoded, or holds no digit
     */
    public NumberReading readNumber(Path image) throws IOException {
        return readDigits(preprocessor.digitsOf(image, this::likeness));
    }

    /**
     * Reads the number written in an encoded image held in memory; {@code source} names it in errors.
     *
     * @param encodedImage the encoded image
     * @param source the name of the image
     * @return the number
     * @throws ImageFormatException if the bytes are not a supported image
     * @throws NoDigitException if the image holds no digit
     */
    public NumberReading readNumber(byte[] encodedImage, String source) throws ImageFormatException, NoDigitException {
        return readDigits(preprocessor.digitsOf(encodedImage, source, this::likeness));
    }

    /**
     * Reads the number written in a decoded image; {@code source} names it in errors.
     *
     * @param image the image
     * @param source the name of the image
     * @return the number
     * @throws NoDigitException if the image holds no digit
     */
    public NumberReading readNumber(BufferedImage image, String source) throws NoDigitException {
        return readDigits(DigitPreprocessor.digitsOf(image, source, this::likeness));
    }

    /** How sure the model is that the pixels show one digit: its confidence in its best answer. */
    private double likeness(byte[] pixels) {
        return predictor.predict(pixels).confidence();
    }

    private NumberReading readDigits(List<LocatedDigit> digits) {
        StringBuilder text = new StringBuilder();
        double confidence = 1;
        List<NumberReading.Found> found = new ArrayList<>();
        for (LocatedDigit d : digits) {
            Prediction p = predictor.predict(d.pixels());
            text.append(p.label());
            confidence *= p.confidence();
            found.add(new NumberReading.Found(d.x(), d.y(), d.width(), d.height(), p));
        }
        return new NumberReading(text.toString(), confidence, found);
    }

    /**
     * Reads a digit that already is MNIST-style: 28x28 grey bytes, white ink on black, row-major.
     *
     * @param pixels the pixels
     * @return the prediction
     */
    public Prediction readMnistPixels(byte[] pixels) {
        return predictor.predict(pixels);
    }

    /**
     * The predictor behind this reader, for callers that preprocess images themselves.
     *
     * @return the predictor
     */
    public Predictor predictor() {
        return predictor;
    }
}

package dev.inkwell.mnist.image;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Turns any picture of a handwritten digit into the 28x28 form MNIST's digits have: white ink on
 * black, the ink scaled to fit 20x20 and centred by its centre of mass. Steps: decode (size checked
 * from the header first), luminance with transparency over paper, polarity, background removal,
 * contrast, specks dropped, framing. The result is row-major bytes, 0 paper .. 255 ink, ready for
 * a model's normalisation. Instances are immutable and safe to share between threads.
 */
public final class DigitPreprocessor {
    /** Images are reduced to at most this many pixels on their longer side before ink is sought. */
    static final int WORKING_SIDE = 512;
    /** A number is wider than a digit and its digits smaller on the page: it is read at a finer resolution. */
    static final int NUMBER_WORKING_SIDE = 1024;

    private final ImageDecoder decoder;

    /** A preprocessor whose decoder has the default pixel limit. */
    public DigitPreprocessor() {
        this(new ImageDecoder());
    }

    /**
     * A preprocessor that decodes with {@code decoder} (its size limits).
     *
     * @param decoder the decoder
     */
    public DigitPreprocessor(ImageDecoder decoder) {
        this.decoder = decoder;
    }

    /**
     * Reads an image file and returns its digit as 28x28 MNIST-style bytes.
     *
     * @param file the image file
     * @return the digit's pixels
     * @throws IOException if the file cannot be read or decoded, or holds no digit
     */
    public byte[] read(Path file) throws IOException {
        return toMnist(decoder.decode(file), file.toString());
    }

    /**
     * Decodes an image held in memory ({@code source} names it in errors) and returns its digit.
     *
     * @param content the encoded image
     * @param source the name of the content
     * @return the digit's pixels
     * @throws ImageFormatException if the bytes are not a supported image
     * @throws NoDigitException if the image holds no digit
     */
    public byte[] read(byte[] content, String source) throws ImageFormatException, NoDigitException {
        return toMnist(decoder.decode(content, source), source);
    }

    /**
     * What {@link #read(byte[], String)} would hold in memory for {@code content}, from the image's header:
     * see {@link ImageDecoder#workingBytes}.
     *
     * @param content the encoded image
     * @param source the name of the content
     * @return the bytes decoding and preprocessing hold at most
     * @throws ImageFormatException if the bytes are not a supported image within the decoder's limits
     */
    public long workingBytes(byte[] content, String source) throws ImageFormatException {
        return decoder.workingBytes(content, source);
    }

    /**
     * The digit in a decoded image as 28x28 MNIST-style bytes; {@code source} names it in errors.
     *
     * @param image the image
     * @param source the name of the image
     * @return the digit's pixels
     * @throws NoDigitException if the image holds no digit
     */
    public static byte[] toMnist(BufferedImage image, String source) throws NoDigitException {
        GreyPlane grey = Luminance.of(image, WORKING_SIDE);
        return DigitFramer.frame(InkExtractor.extract(grey, source));
    }

    /**
     * The digits of a number written in an image file: {@link #digitsOf(BufferedImage, String, ToDoubleFunction)} after
     * decoding.
     *
     * @param file the image file
     * @param digitLikeness how sure a reader is that 28x28 MNIST-style pixels show one digit, in [0, 1]
     * @return the digits, left to right
     * @throws IOException if the file cannot be read or decoded, or holds no digit
     */
    public List<LocatedDigit> digitsOf(Path file, ToDoubleFunction<byte[]> digitLikeness) throws IOException {
        return digitsOf(decoder.decode(file), file.toString(), digitLikeness);
    }

    /**
     * The digits of a number written in an encoded image held in memory.
     *
     * @param content the encoded image
     * @param source the name of the content, for errors
     * @param digitLikeness how sure a reader is that 28x28 MNIST-style pixels show one digit, in [0, 1]
     * @return the digits, left to right
     * @throws ImageFormatException if the bytes are not a supported image
     * @throws NoDigitException if the image holds no digit
     */
    public List<LocatedDigit> digitsOf(byte[] content, String source, ToDoubleFunction<byte[]> digitLikeness)
            throws ImageFormatException, NoDigitException {
        return digitsOf(decoder.decode(content, source), source, digitLikeness);
    }

    /**
     * The digits of a number written in a decoded image, left to right, each with its box and framed as
     * MNIST frames a digit. Digits from a few percent of the image's height to all of it are found;
     * specks, ruled lines and dots are left out, strokes of one digit that do not touch stay together, and
     * digits that touch are cut apart where {@code digitLikeness} finds the pieces likelier digits than the
     * whole.
     *
     * @param image the image
     * @param source the name of the image, for errors
     * @param digitLikeness how sure a reader is that 28x28 MNIST-style pixels show one digit, in [0, 1]
     * @return the digits, left to right
     * @throws NoDigitException if the image holds no ink that could be a digit
     */
    public static List<LocatedDigit> digitsOf(BufferedImage image, String source, ToDoubleFunction<byte[]> digitLikeness)
            throws NoDigitException {
        int factor = Luminance.factor(image.getWidth(), image.getHeight(), NUMBER_WORKING_SIDE);
        GreyPlane ink = InkExtractor.extract(Luminance.of(image, NUMBER_WORKING_SIDE), source);
        List<LocatedDigit> digits = new ArrayList<>();
        for (DigitSegmenter.Segment s : DigitSegmenter.segment(ink,
                piece -> digitLikeness.applyAsDouble(DigitFramer.frame(piece)))) {
            int x = s.x0() * factor, y = s.y0() * factor;
            int width = Math.min(image.getWidth(), (s.x1() + 1) * factor) - x;
            int height = Math.min(image.getHeight(), (s.y1() + 1) * factor) - y;
            digits.add(new LocatedDigit(x, y, width, height, DigitFramer.frame(s.ink())));
        }
        if (digits.isEmpty()) {
            throw new NoDigitException(source, "no digit found");
        }
        return digits;
    }

    /**
     * Reads an image that already is MNIST-style (28x28, white ink on black) without preprocessing it:
     * its luminance as bytes.
     *
     * @param file the image file
     * @return its pixels
     * @throws IOException if the file cannot be read or decoded
     */
    public byte[] readRaw(Path file) throws IOException {
        BufferedImage image = decoder.decode(file);
        if (image.getWidth() != DigitFramer.SIDE || image.getHeight() != DigitFramer.SIDE) {
            throw new ImageFormatException(file.toString(), image.getWidth() + "x" + image.getHeight()
                    + " pixels; without preprocessing an image must be 28x28");
        }
        float[] grey = Luminance.of(image, DigitFramer.SIDE).values();
        byte[] out = new byte[grey.length];
        for (int i = 0; i < grey.length; i++) {
            out[i] = (byte) Math.round(grey[i] * 255f);
        }
        return out;
    }
}

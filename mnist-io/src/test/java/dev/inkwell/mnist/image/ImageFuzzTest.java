package dev.inkwell.mnist.image;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Decoding and preprocessing on arbitrary bytes: a 28x28 digit, an {@link ImageFormatException} or a
 * {@link NoDigitException}, nothing else. Images are limited to a megapixel so that each run is quick.
 * Corpus: {@code src/test/resources/dev/inkwell/mnist/image/ImageFuzzTestInputs}.
 */
class ImageFuzzTest {
    private static final DigitPreprocessor PREPROCESSOR = new DigitPreprocessor(new ImageDecoder(1_000_000));

    @FuzzTest(maxDuration = "10m")
    void preprocessesOrRefuses(byte[] file) {
        try {
            byte[] digit = PREPROCESSOR.read(file, "fuzz");
            if (digit.length != 28 * 28) {
                throw new AssertionError(digit.length + " pixels");
            }
        } catch (ImageFormatException | NoDigitException expected) {
            // the documented refusals
        }
    }
}

package dev.inkwell.train;

import dev.inkwell.init.Rng;
import dev.inkwell.tensor.Shape;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The data helpers refuse what they cannot do instead of returning padded or partial results. */
class DataHelpersTest {
    private static LabeledImages tenSamples() {
        float[] x = new float[10 * 4];
        int[] y = new int[10];
        for (int i = 0; i < 10; i++) {
            y[i] = i % 3;
            java.util.Arrays.fill(x, i * 4, i * 4 + 4, i);
        }
        return new LabeledImages(x, y, Shape.of(4));
    }

    @Test
    void rangeAndSelectRefuseIndicesOutsideTheSet() {
        LabeledImages data = tenSamples();
        assertEquals(5, data.range(5, 5).size());
        assertEquals(9f, data.range(5, 5).inputs()[19]);
        assertThrows(IndexOutOfBoundsException.class, () -> data.range(8, 5));
        assertThrows(IndexOutOfBoundsException.class, () -> data.range(-1, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> data.range(2, -1));
        assertThrows(IndexOutOfBoundsException.class, () -> data.select(new int[] {3, 10}));
    }

    @Test
    void seededShuffleAndSplit() {
        LabeledImages data = tenSamples();
        LabeledImages a = data.shuffled(5), b = data.shuffled(5);
        assertArrayEquals(a.labels(), b.labels());
        assertArrayEquals(a.inputs(), b.inputs());
        assertNotEquals(java.util.Arrays.toString(a.inputs()), java.util.Arrays.toString(data.inputs()));
        float[] sorted = a.inputs().clone();
        java.util.Arrays.sort(sorted);
        assertArrayEquals(data.inputs(), sorted, "a permutation of the same samples");
        LabeledImages.Parts parts = a.split(3);
        assertEquals(3, parts.first().size());
        assertEquals(7, parts.rest().size());
        assertEquals(a.labels()[3], parts.rest().labels()[0]);
        assertThrows(IndexOutOfBoundsException.class, () -> data.split(11));
        assertThrows(IndexOutOfBoundsException.class, () -> data.split(-1));
    }

    @Test
    void augmentationDistortsEveryChannelAlike() {
        int c = 3, h = 9, w = 11;
        float[] image = new float[c * h * w];
        Rng values = new Rng(1);
        for (int i = 0; i < h * w; i++) {
            float v = (float) values.nextGaussian();
            for (int ch = 0; ch < c; ch++) {
                image[ch * h * w + i] = v + ch; // channel ch = channel 0 + ch
            }
        }
        float[] out = new float[image.length];
        new Augmenter(15, 0.1, 1.5, 0f).apply(image, 0, out, 0, c, h, w, new Rng(7));
        assertNotEquals(0f, out[2 * h * w + h * w / 2], "the last channel is written");
        for (int ch = 1; ch < c; ch++) { // each plane gets the distortion a one-channel image with that seed gets
            float[] alone = new float[h * w];
            new Augmenter(15, 0.1, 1.5, 0f).apply(java.util.Arrays.copyOfRange(image, ch * h * w, (ch + 1) * h * w), 0,
                    alone, 0, 1, h, w, new Rng(7));
            assertArrayEquals(alone, java.util.Arrays.copyOfRange(out, ch * h * w, (ch + 1) * h * w), "channel " + ch);
        }
    }

    @Test
    void flippingMirrorsAboutHalfTheImagesLeftToRightAndNothingElse() {
        int h = 5, w = 7;
        float[] image = new float[h * w];
        for (int i = 0; i < image.length; i++) {
            image[i] = i;
        }
        float[] mirror = new float[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                mirror[y * w + x] = image[y * w + w - 1 - x];
            }
        }
        Augmenter flipOnly = new Augmenter(0, 0, 0, -1f).withFlip(true);
        Rng rng = new Rng(3);
        int mirrored = 0;
        for (int n = 0; n < 200; n++) {
            float[] out = new float[h * w];
            flipOnly.apply(image, 0, out, 0, 1, h, w, rng);
            boolean same = java.util.Arrays.equals(out, image), flipped = java.util.Arrays.equals(out, mirror);
            assertTrue(same || flipped, "draw " + n + " is the image or its mirror");
            mirrored += flipped ? 1 : 0;
        }
        assertTrue(mirrored > 70 && mirrored < 130, mirrored + " of 200 mirrored");
    }
}

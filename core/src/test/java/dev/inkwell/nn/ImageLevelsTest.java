package dev.inkwell.nn;

import dev.inkwell.init.Rng;
import dev.inkwell.tensor.Shape;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** What {@link ImageLevels} does to images: grey pages and dim strokes restored, clean images kept. */
class ImageLevelsTest {
    private static final float BACKGROUND = -0.4242f, INK = 2.8215f;

    private static float[] run(float[] images, int batch) {
        Sequential net = new Sequential().add(new ImageLevels(BACKGROUND, INK))
                .build(Shape.of(1, 4, 4), batch, ComputeContext.withThreads(2), 1);
        return Arrays.copyOf(net.layers().get(0).forward(images, batch, false), images.length);
    }

    /** A 4x4 image on background {@code paper} with ink {@code level} on a few pixels. */
    private static float[] image(float paper, float level) {
        float[] x = new float[16];
        Arrays.fill(x, paper);
        x[5] = level;
        x[6] = level;
        x[10] = level * 0.5f + paper * 0.5f;
        return x;
    }

    @Test
    void aCleanImageIsKeptAndAGreyOrDimOneIsRestored() {
        float[] clean = image(BACKGROUND, INK);
        float[] grey = image(BACKGROUND + 1.5f, INK); // a grey page: the background raised
        float[] dim = image(BACKGROUND, 0.9f);        // a faint stroke
        float[] batch = new float[48];
        System.arraycopy(clean, 0, batch, 0, 16);
        System.arraycopy(grey, 0, batch, 16, 16);
        System.arraycopy(dim, 0, batch, 32, 16);
        float[] out = run(batch, 3);
        for (int n = 0; n < 3; n++) {
            float[] y = Arrays.copyOfRange(out, 16 * n, 16 * n + 16);
            assertArrayEquals(clean, y, 1e-5f, "image " + n);
        }
    }

    @Test
    void aFlatImagePassesUnchanged() {
        float[] flat = new float[16];
        Arrays.fill(flat, 0.3f);
        assertArrayEquals(flat, run(flat, 1));
    }

    @Test
    void theMedianIsTheHalfwaySmallestValue() {
        Rng rng = new Rng(3);
        for (int size : new int[] {1, 2, 7, 16, 784}) {
            float[] x = new float[size];
            for (int i = 0; i < size; i++) {
                x[i] = (float) rng.nextGaussian();
            }
            float[] sorted = x.clone();
            Arrays.sort(sorted);
            int at = ImageLevels.medianIndex(x, 0, size, new float[size], new int[size]);
            assertEquals(sorted[size / 2], x[at], "size " + size);
        }
    }
}

package dev.inkwell.nn;

import dev.inkwell.tensor.Shape;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** What {@link Recentre} does to images: ink off centre is brought back, centred and blank images are kept. */
class RecentreTest {
    private static final float PAPER = -0.4242f, INK = 2.8215f;
    private static final int SIDE = 28;

    private static float[] run(float[] images, int channels, int batch) {
        Sequential net = new Sequential().add(new Recentre(PAPER))
                .build(Shape.of(channels, SIDE, SIDE), batch, ComputeContext.withThreads(2), 1);
        return Arrays.copyOf(net.forward(images, batch, false), images.length);
    }

    /**
     * A blank page with a square ring of ink about (cx, cy) and a tail of two pixels to its right: the centre
     * of mass is (cx + 10/34, cy + 1/34), within half a pixel of (cx, cy).
     */
    private static float[] digit(int cx, int cy) {
        float[] x = new float[SIDE * SIDE];
        Arrays.fill(x, PAPER);
        for (int i = -4; i <= 4; i++) {
            x[(cy - 4) * SIDE + cx + i] = INK;
            x[(cy + 4) * SIDE + cx + i] = INK;
            x[(cy + i) * SIDE + cx - 4] = INK;
            x[(cy + i) * SIDE + cx + 4] = INK;
        }
        x[cy * SIDE + cx + 5] = INK;
        x[(cy + 1) * SIDE + cx + 5] = INK;
        return x;
    }

    private static float[] concat(float[]... images) {
        float[] all = new float[0];
        for (float[] image : images) {
            int at = all.length;
            all = Arrays.copyOf(all, at + image.length);
            System.arraycopy(image, 0, all, at, image.length);
        }
        return all;
    }

    @Test
    void inkOffCentreIsMovedToTheCentreAndCentredInkIsKept() {
        // the first is within half a pixel of the centre, as MNIST's digits are: it is not moved
        float[] centred = digit(14, 14);
        float[] out = run(concat(centred, digit(6, 20), digit(21, 8)), 1, 3);
        for (int n = 0; n < 3; n++) {
            assertArrayEquals(centred, Arrays.copyOfRange(out, n * 784, n * 784 + 784), "image " + n);
        }
    }

    @Test
    void everyChannelMovesWithTheInkOfAll() {
        float[] blank = new float[SIDE * SIDE];
        Arrays.fill(blank, PAPER);
        float[] out = run(concat(digit(8, 9), blank), 2, 1);
        assertArrayEquals(concat(digit(14, 14), blank), out);
    }

    @Test
    void imagesWithoutInkPassUnchanged() {
        float[] blank = new float[SIDE * SIDE];
        Arrays.fill(blank, PAPER);
        float[] dark = blank.clone();
        Arrays.fill(dark, 0, 100, PAPER - 1); // below the paper: not ink
        assertArrayEquals(concat(blank, dark), run(concat(blank, dark), 1, 2));
    }
}

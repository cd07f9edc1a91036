package dev.inkwell.mnist.corrupt;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fifteen corruptions: each changes a digit, the same way for the same seed, and keeps the layout. */
class CorruptionTest {
    /** A 7, white on black, in MNIST's frame. */
    private static byte[] seven() {
        byte[] p = new byte[784];
        for (int x = 8; x < 21; x++) {
            p[7 * 28 + x] = (byte) 255;
            p[8 * 28 + x] = (byte) 200;
        }
        for (int y = 8; y < 22; y++) {
            int x = 20 - (y - 8) / 2;
            p[y * 28 + x] = (byte) 255;
            p[y * 28 + x - 1] = (byte) 180;
        }
        return p;
    }

    @Test
    void everyCorruptionChangesTheDigitTheSameWayForTheSameSeed() {
        assertEquals(15, Corruption.values().length);
        for (Corruption c : Corruption.values()) {
            byte[] a = c.apply(seven(), 42), b = c.apply(seven(), 42);
            assertArrayEquals(a, b, c.id());
            assertEquals(784, a.length);
            assertFalse(Arrays.equals(seven(), a), c.id() + " changed nothing");
            assertEquals(c, Corruption.byId(c.id()));
        }
    }

    @Test
    void theBackgroundCorruptionsLightenThePaperAndTheOthersDoNot() {
        byte[] grey = Corruption.BRIGHTNESS.apply(seven(), 1);
        assertEquals(128, grey[0] & 0xFF, 1);
        assertTrue((Corruption.FOG.apply(seven(), 1)[0] & 0xFF) > 0 || (Corruption.FOG.apply(seven(), 2)[0] & 0xFF) > 0);
        assertEquals(0, Corruption.ROTATE.apply(seven(), 1)[0]);
    }

    @Test
    void badArgumentsAreRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Corruption.byId("rain"));
        assertTrue(e.getMessage().contains("'rain'") && e.getMessage().contains("canny_edges"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Corruption.SCALE.apply(new byte[100], 1));
    }
}

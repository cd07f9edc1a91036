package dev.inkwell.nn;

import dev.inkwell.models.ReferenceNets;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A network whose buffers could not exist is refused at build with its sizes, before anything is allocated. */
class MemoryBudgetTest {
    private static Sequential paddedNetS(int padding) {
        return new Sequential()
                .add(new Conv2d(Conv2d.Spec.of(1, 32, 3).padding(padding))).add(new ReLU()).add(new MaxPool2d(2))
                .add(new Conv2d(32, 64, 3)).add(new ReLU()).add(new MaxPool2d(2))
                .add(new Flatten()).add(new Linear(10));
    }

    @Test
    void anArrayLargerThanJavaAllowsIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> paddedNetS(400).build(ReferenceNets.INPUT_SHAPE, 1000, 1));
        assertTrue(e.getMessage().contains("layer 'conv1' would need arrays of 21832832 x 1000 floats"), e.getMessage());
    }

    @Test
    void moreThanTheHeapHasIsRefused() {
        // conv1's output: 32 x 146 x 146 floats an image, fine for an array, not for a 2 GB heap at batch 1000
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> paddedNetS(60).build(ReferenceNets.INPUT_SHAPE, 1000, 1));
        assertTrue(e.getMessage().contains("a batch of 1000 needs about") && e.getMessage().contains("the heap has free"),
                e.getMessage());
    }

    @Test
    void theLargestBatchWithinABudget() {
        Sequential.Footprint f = new Sequential.Footprint(1000, 100);
        assertEquals(64, f.largestBatchWithin(64, 1L << 30));
        assertEquals(0, f.largestBatchWithin(64, 10_000), "not even the parameters fit");
        assertEquals(10, f.largestBatchWithin(64, 16 * 1000 + 8 * 100 * 10));
        assertTrue(f.bytes(10) <= 16 * 1000 + 8 * 100 * 10);
    }
}

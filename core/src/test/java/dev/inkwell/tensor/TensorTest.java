package dev.inkwell.tensor;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TensorTest {

    @Test
    void shapeSizeAndBatchDimension() {
        Shape s = Shape.of(1, 28, 28);
        assertEquals(784, s.size());
        assertEquals(Shape.of(64, 1, 28, 28), s.withBatch(64));
        assertEquals(s, s.withBatch(64).withoutBatch());
        assertEquals("[1, 28, 28]", s.toString());
        assertThrows(IllegalArgumentException.class, () -> Shape.of(3, 0));
        assertThrows(IllegalArgumentException.class, () -> Shape.of(65536, 65536));
    }

    @Test
    void rowMajorIndexingAndViews() {
        Tensor t = Tensor.of(Shape.of(2, 3), 0, 1, 2, 3, 4, 5);
        assertEquals(5f, t.at(1, 2));
        assertEquals(3f, t.at(1, 0));
        Tensor second = t.slice(1, 1);
        assertEquals(Shape.of(1, 3), second.shape());
        second.set(0, 42f);
        assertEquals(42f, t.at(1, 0), "a view writes through to its array");
        assertArrayEquals(new float[] {0, 1, 2, 42, 4, 5}, t.reshape(Shape.of(6)).copy().toArray(), 0f);
        assertThrows(IndexOutOfBoundsException.class, () -> t.at(2, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> t.slice(1, 2));
        assertThrows(IllegalArgumentException.class, () -> t.reshape(Shape.of(4)));
        assertThrows(IllegalArgumentException.class, () -> new Tensor(Shape.of(4), new float[3], 0));
    }
}

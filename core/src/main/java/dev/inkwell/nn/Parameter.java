package dev.inkwell.nn;

import dev.inkwell.tensor.Shape;
import dev.inkwell.tensor.Tensor;

/**
 * A named view of one tensor inside a network's flat storage: values at {@code data[offset ..
 * offset+size)} and, for a trainable parameter, its gradient at the same place in {@code grad}.
 * Non-trainable state (batch-norm running statistics) has {@code grad == null}. Names follow
 * PyTorch: {@code conv1.weight}, {@code bn1.running_mean}.
 */
public record Parameter(String name, Shape shape, float[] data, float[] grad, int offset) {

    /**
     * The number of values.
     *
     * @return the size
     */
    public int size() {
        return shape.size();
    }

    /**
     * Whether it has a gradient (parameters do, state does not).
     *
     * @return whether it is trainable
     */
    public boolean trainable() {
        return grad != null;
    }

    /**
     * The values as a tensor view (writes go to the network).
     *
     * @return the values
     */
    public Tensor value() {
        return new Tensor(shape, data, offset);
    }

    /**
     * The gradient as a tensor view.
     *
     * @return the gradient
     */
    public Tensor gradient() {
        if (grad == null) {
            throw new IllegalStateException(name + " is not trainable and has no gradient");
        }
        return new Tensor(shape, grad, offset);
    }

    /**
     * Overwrites the values with {@code values}, which must have exactly {@link #size()} elements.
     *
     * @param values the new values
     */
    public void set(float[] values) {
        if (values.length != size()) {
            throw new IllegalArgumentException(name + " has shape " + shape + " (" + size() + " values), got "
                    + values.length + " values");
        }
        System.arraycopy(values, 0, data, offset, values.length);
    }
}

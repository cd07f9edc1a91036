package dev.inkwell.nn;

import dev.inkwell.tensor.Shape;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * All of a network's tensors in flat arrays: the trainable parameters in {@link #values()} with their
 * gradients in {@link #grads()} (same layout), and non-trainable state such as running statistics
 * in {@link #state()}. Zeroing the gradients is one fill; an optimizer is one loop over the arrays.
 */
public final class Parameters {
    private final float[] values;
    private final float[] grads;
    private final float[] state;
    private final List<Parameter> trainable;
    private final List<Parameter> buffers;
    private final Map<String, Parameter> byName = new LinkedHashMap<>();

    Parameters(List<String> trainableNames, List<Shape> trainableShapes,
               List<String> stateNames, List<Shape> stateShapes) {
        this.values = new float[total(trainableShapes)];
        this.grads = new float[values.length];
        this.state = new float[total(stateShapes)];
        this.trainable = views(trainableNames, trainableShapes, values, grads);
        this.buffers = views(stateNames, stateShapes, state, null);
        for (Parameter p : trainable) {
            byName.put(p.name(), p);
        }
        for (Parameter p : buffers) {
            if (byName.put(p.name(), p) != null) {
                throw new IllegalArgumentException("two tensors are named " + p.name());
            }
        }
    }

    /**
     * A store of trainable tensors outside any network (for example to drive an optimizer by hand),
     * all initialised to zero.
     *
     * @param names the tensors' names
     * @param shapes their shapes, in the same order
     * @return the store
     */
    public static Parameters of(List<String> names, List<Shape> shapes) {
        if (names.size() != shapes.size()) {
            throw new IllegalArgumentException(names.size() + " names for " + shapes.size() + " shapes");
        }
        return new Parameters(names, shapes, List.of(), List.of());
    }

    private static int total(List<Shape> shapes) {
        long n = 0;
        for (Shape s : shapes) {
            n += s.size();
        }
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("the network has " + n + " values, more than one array holds");
        }
        return (int) n;
    }

    private static List<Parameter> views(List<String> names, List<Shape> shapes, float[] data, float[] grad) {
        List<Parameter> out = new ArrayList<>();
        int offset = 0;
        for (int i = 0; i < names.size(); i++) {
            out.add(new Parameter(names.get(i), shapes.get(i), data, grad, offset));
            offset += shapes.get(i).size();
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * Every trainable value, in parameter order.
     *
     * @return the values, one flat array
     */
    public float[] values() {
        return values;
    }

    /**
     * The gradients, laid out as {@link #values()}.
     *
     * @return the gradients, one flat array
     */
    public float[] grads() {
        return grads;
    }

    /**
     * Non-trainable state (running statistics), laid out as {@link #buffers()}.
     *
     * @return the state, one flat array
     */
    public float[] state() {
        return state;
    }

    /**
     * The trainable parameters, in network order.
     *
     * @return the parameters
     */
    public List<Parameter> trainable() {
        return trainable;
    }

    /**
     * The non-trainable state tensors, in network order.
     *
     * @return the state tensors
     */
    public List<Parameter> buffers() {
        return buffers;
    }

    /**
     * The trainable parameter or state tensor with this name.
     *
     * @param name the full name, such as {@code conv1.weight}
     * @return the tensor
     */
    public Parameter get(String name) {
        Parameter p = byName.get(name);
        if (p == null) {
            throw new IllegalArgumentException("no tensor named '" + name + "'; the network has " + byName.keySet());
        }
        return p;
    }

    /**
     * Number of trainable values.
     *
     * @return the count
     */
    public int count() {
        return values.length;
    }

    /** Sets every gradient to zero (gradients accumulate across backward passes until this is called). */
    public void zeroGrad() {
        Arrays.fill(grads, 0f);
    }
}

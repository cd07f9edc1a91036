package dev.inkwell.nn;

import dev.inkwell.tensor.Shape;

/**
 * A tensor a layer asks its network to store for it ({@link Layer#parameterSpecs(Shape)},
 * {@link Layer#stateSpecs(Shape)}).
 *
 * @param name  the name after the layer's, for example {@code weight}; the network stores it as
 *              {@code conv1.weight}
 * @param shape the tensor's shape
 */
public record ParamSpec(String name, Shape shape) {
    /**
     * Checks the name: words of letters, digits and underscores, joined by dots in a block's specs.
     *
     * @param name the tensor's name within its layer
     * @param shape the tensor's shape
     */
    public ParamSpec {
        if (name == null || !name.matches("[A-Za-z0-9_]+(\\.[A-Za-z0-9_]+)*")) {
            throw new IllegalArgumentException("a parameter name is letters, digits and underscores, got '"
                    + name + "'");
        }
        if (shape == null) {
            throw new IllegalArgumentException("parameter '" + name + "' needs a shape");
        }
    }
}

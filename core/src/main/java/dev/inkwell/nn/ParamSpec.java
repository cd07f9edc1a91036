package dev.inkwell.nn;

import dev.inkwell.tensor.Shape;

/** A tensor a layer asks its container to store for it: the name after the layer's ({@code weight}). */
record ParamSpec(String name, Shape shape) {
}

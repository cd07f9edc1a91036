package dev.inkwell.mnist.image;

/** A grey image of floats in [0, 1], row-major: the working form of every preprocessing step. */
record GreyPlane(int width, int height, float[] values) {
    GreyPlane {
        if (values.length != width * height) {
            throw new IllegalArgumentException(values.length + " values for " + width + "x" + height);
        }
    }

    GreyPlane(int width, int height) {
        this(width, height, new float[width * height]);
    }

    float at(int x, int y) {
        return values[y * width + x];
    }
}

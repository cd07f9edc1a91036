package dev.inkwell.init;

/**
 * Weight initialisers, as in {@code torch.nn.init}. {@link #PYTORCH_DEFAULT} is what
 * {@code nn.Conv2d} and {@code nn.Linear} do when constructed: weight and bias uniform in
 * ±1/√fan_in (kaiming_uniform with a = √5). The others initialise the weight as named and the
 * bias to zero. fan_in = in_channels·KH·KW for a convolution, in_features for a linear layer.
 */
public enum Init {
    /** Weight and bias ~ U(-1/√fan_in, 1/√fan_in). */
    PYTORCH_DEFAULT,
    /** He/Kaiming normal for ReLU: N(0, 2/fan_in). */
    HE_NORMAL,
    /** He/Kaiming uniform for ReLU: U(±√(6/fan_in)). */
    HE_UNIFORM,
    /** Glorot/Xavier uniform: U(±√(6/(fan_in + fan_out))). */
    XAVIER_UNIFORM,
    /** Glorot/Xavier normal: N(0, 2/(fan_in + fan_out)). */
    XAVIER_NORMAL;

    /**
     * Fills {@code weight[off .. off+n)} for a layer with the given fans.
     *
     * @param weight the array holding the weights
     * @param off index of the first weight
     * @param n the number of weights
     * @param fanIn inputs per output unit
     * @param fanOut outputs per input unit
     * @param rng the random stream
     */
    public void initWeight(float[] weight, int off, int n, int fanIn, int fanOut, Rng rng) {
        switch (this) {
            case PYTORCH_DEFAULT -> uniform(weight, off, n, 1.0 / Math.sqrt(fanIn), rng);
            case HE_NORMAL -> normal(weight, off, n, Math.sqrt(2.0 / fanIn), rng);
            case HE_UNIFORM -> uniform(weight, off, n, Math.sqrt(6.0 / fanIn), rng);
            case XAVIER_UNIFORM -> uniform(weight, off, n, Math.sqrt(6.0 / (fanIn + fanOut)), rng);
            case XAVIER_NORMAL -> normal(weight, off, n, Math.sqrt(2.0 / (fanIn + fanOut)), rng);
        }
    }

    /**
     * Fills {@code bias[off .. off+n)}: U(±1/√fan_in) for {@link #PYTORCH_DEFAULT}, else zeros.
     *
     * @param bias the array holding the biases
     * @param off index of the first bias
     * @param n the number of biases
     * @param fanIn inputs per output unit
     * @param rng the random stream
     */
    public void initBias(float[] bias, int off, int n, int fanIn, Rng rng) {
        if (this == PYTORCH_DEFAULT) {
            uniform(bias, off, n, 1.0 / Math.sqrt(fanIn), rng);
        } else {
            java.util.Arrays.fill(bias, off, off + n, 0f);
        }
    }

    private static void uniform(float[] a, int off, int n, double bound, Rng rng) {
        for (int i = off; i < off + n; i++) {
            a[i] = (float) ((2 * rng.nextDouble() - 1) * bound);
        }
    }

    private static void normal(float[] a, int off, int n, double std, Rng rng) {
        for (int i = off; i < off + n; i++) {
            a[i] = (float) (rng.nextGaussian() * std);
        }
    }
}

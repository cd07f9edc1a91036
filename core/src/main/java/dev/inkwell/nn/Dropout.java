package dev.inkwell.nn;

import dev.inkwell.init.Rng;
import dev.inkwell.tensor.Shape;

/**
 * Inverted dropout, as {@code torch.nn.Dropout}: in training each element is zeroed with probability
 * p and the survivors are scaled by 1/(1-p); in evaluation the layer is the identity.
 *
 * <p>The mask is counter-based: element i of the t-th training pass is kept when a hash of
 * (layer seed, t, i) is at least p. Any thread can compute any element, and a run is reproduced
 * exactly from the seed and the pass counter ({@link #passes()}). The forward pass keeps each
 * element's scale (0 or 1/(1-p)) for the backward pass, which so does no hashing.
 */
public final class Dropout extends ImageWiseLayer {
    private final double p;
    private long seed;
    private long passes;
    private long passKey; // the hash of (seed, pass) that every element's hash starts from
    private boolean lastTraining;
    private float[] output;
    private float[] gradInput;
    private float[] scales;
    private float[] in;
    private float[] gy;

    /**
     * Drops each element with probability {@code p} in [0, 1).
     *
     * @param p the drop probability
     */
    public Dropout(double p) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("dropout probability must be in [0, 1), got " + p);
        }
        this.p = p;
    }

    /**
     * The probability that an element is zeroed in training.
     *
     * @return the drop probability
     */
    public double probability() {
        return p;
    }

    /**
     * Training passes so far; with {@link #seed()}, part of a checkpoint, so that a resumed run draws the same masks.
     *
     * @return the number of training passes
     */
    public long passes() {
        return passes;
    }

    /**
     * The layer's own seed, drawn from the network's seed at build time.
     *
     * @return the seed
     */
    public long seed() {
        return seed;
    }

    /** The mask stream: the layer seed and the passes done, {@code "SEED PASSES"}. */
    @Override
    public String resumeState() {
        return seed + " " + passes;
    }

    @Override
    public void restoreResumeState(String state) {
        String[] seedAndPasses = state.trim().split(" ");
        try {
            if (seedAndPasses.length != 2) {
                throw new NumberFormatException("two numbers expected");
            }
            this.seed = Long.parseLong(seedAndPasses[0]);
            this.passes = Long.parseLong(seedAndPasses[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(describe() + ": resume state '" + state + "' is not 'SEED PASSES'", e);
        }
    }

    @Override
    public String kind() {
        return "dropout";
    }

    @Override
    public Shape outputShape(Shape input) {
        return input;
    }

    @Override
    protected void initialize(Rng rng) {
        seed = rng.nextLong();
    }

    @Override
    protected void allocate() {
        output = new float[maxBatch * inputShape.size()];
        gradInput = new float[maxBatch * inputShape.size()];
        scales = new float[maxBatch * inputShape.size()];
    }

    /** Outside training, or with p = 0, the layer is the identity: the output is the input. */
    @Override
    protected float[] startForward(float[] input, int batch, boolean training) {
        lastTraining = training && p > 0;
        if (!lastTraining) {
            return input;
        }
        passKey = Rng.mix(seed ^ passes++);
        in = input;
        return output;
    }

    /**
     * Element i is kept when the top 24 bits of its hash, read as a fraction u/2^24, are at least p,
     * that is when u ≥ ⌈p·2^24⌉. The keep bit is taken from the sign of the difference rather than
     * by a comparison: a branch on a coin toss is mispredicted half the time, which made this loop
     * seven times slower.
     */
    @Override
    protected void forwardImages(int from, int to, int worker) {
        if (!lastTraining) {
            return;
        }
        int size = inputShape.size();
        long threshold = (long) Math.ceil(p * 0x1.0p24);
        float keptScale = (float) (1.0 / (1.0 - p));
        for (int i = from * size; i < to * size; i++) {
            long u = Rng.mix(passKey + i) >>> 40;
            float scale = (int) (~(u - threshold) >>> 63) * keptScale;
            scales[i] = scale;
            output[i] = in[i] * scale;
        }
    }

    /** After an identity pass the input gradient is the output gradient. */
    @Override
    protected float[] startBackward(float[] input, float[] gradOutput, int batch) {
        gy = gradOutput;
        return lastTraining ? gradInput : gradOutput;
    }

    @Override
    protected void backwardGroup(int group, int from, int to, int worker) {
        if (!lastTraining) {
            return;
        }
        int size = inputShape.size();
        for (int i = from * size; i < to * size; i++) {
            gradInput[i] = gy[i] * scales[i];
        }
    }

    @Override
    protected void finishBackward() {
        gy = null;
    }

    @Override
    public LayerConfig config() {
        return LayerConfig.of("Dropout", "p", p);
    }
}

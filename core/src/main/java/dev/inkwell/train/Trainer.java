package dev.inkwell.train;

import dev.inkwell.init.Rng;
import dev.inkwell.kernels.LossKernels;
import dev.inkwell.nn.ComputeContext;
import dev.inkwell.nn.SoftmaxCrossEntropy;
import dev.inkwell.nn.Sequential;
import dev.inkwell.optim.LrSchedule;
import dev.inkwell.optim.Optimizer;
import dev.inkwell.parallel.RangeTask;
import dev.inkwell.tensor.Shape;

/**
 * Mini-batch training and evaluation of a classifier. Every random choice derives from the seed and
 * the epoch number alone (the shuffle of epoch e, the distortion of each sample), and the learning
 * rate from the step number, so epoch e+1 of a resumed run is the same as in an uninterrupted one.
 *
 * <p>After construction, a training step allocates nothing.
 */
public final class Trainer {

    /** Hears about progress after each batch. */
    @FunctionalInterface
    public interface Listener {
        /** No-op listener. */
        Listener NONE = (epoch, batch, batches, loss) -> { };

        /**
         * After batch {@code batch} (0-based) of {@code batches} in {@code epoch}.
         *
         * @param epoch the epoch, from 0, as given to {@link Trainer#trainEpoch}
         * @param batch the batch within the epoch
         * @param batches the batches in the epoch
         * @param loss the batch's mean loss
         */
        void onBatch(int epoch, int batch, int batches, double loss);
    }

    /**
     * A mean cross-entropy this high gives the true class a probability below e^-10000: the weights have
     * blown up, and what follows is a dead network, not training.
     */
    static final double EXPLODED_LOSS = 1e4;

    private final Sequential network;
    private final Optimizer optimizer;
    private final LrSchedule schedule;
    private final int batchSize;
    private final long seed;
    private final Augmenter augmenter;
    private final ComputeContext context;
    private final SoftmaxCrossEntropy loss;
    private final float[] batchInputs;
    private final int[] batchLabels;
    private final int sampleSize;
    private final int classes;
    private final int channels;
    private final int height;
    private final int width;
    private final Rng[] workerRngs;
    private final float[][] workerImages; // with augmentation: each worker's undistorted copy of a sample

    // the batch being assembled, read by the gather task
    private Samples data;
    private int[] order;
    private int batchStart;
    private int epoch;
    private final RangeTask gatherTask = this::gather;

    /**
     * A trainer of {@code network} by {@code optimizer}, deterministic for a given seed on any number of threads.
     *
     * @param network the network, built for at least {@code batchSize} samples
     * @param optimizer the optimizer over the network's parameters
     * @param schedule learning rate per optimizer step (0-based across epochs)
     * @param batchSize samples per step
     * @param seed the seed of the sample order, the augmentation and dropout
     * @param augmenter random distortions of training images, or null for none
     * @param context the threads and kernels to run on
     */
    public Trainer(Sequential network, Optimizer optimizer, LrSchedule schedule, int batchSize, long seed,
                   Augmenter augmenter, ComputeContext context) {
        if (batchSize < 1 || batchSize > network.maxBatch()) {
            throw new IllegalArgumentException("batch size " + batchSize + " is not in [1, " + network.maxBatch()
                    + "], the network's maximum batch");
        }
        this.network = network;
        this.optimizer = optimizer;
        this.schedule = schedule;
        this.batchSize = batchSize;
        this.seed = seed;
        this.augmenter = augmenter;
        this.context = context;
        this.sampleSize = network.inputShape().size();
        this.classes = network.outputShape().size();
        this.loss = new SoftmaxCrossEntropy(classes, batchSize);
        this.batchInputs = new float[batchSize * sampleSize];
        this.batchLabels = new int[batchSize];
        Shape input = network.inputShape();
        if (augmenter != null && (input.rank() < 2 || input.rank() > 3)) {
            throw new IllegalArgumentException("augmentation needs images, [C, H, W] or [H, W]; the network takes "
                    + input);
        }
        this.height = input.rank() >= 2 ? input.dim(input.rank() - 2) : 1;
        this.width = input.rank() >= 2 ? input.dim(input.rank() - 1) : input.size();
        this.channels = input.size() / (height * width);
        this.workerRngs = new Rng[context.pool().threads()];
        for (int i = 0; i < workerRngs.length; i++) {
            workerRngs[i] = new Rng(0);
        }
        this.workerImages = augmenter == null ? null : new float[context.pool().threads()][sampleSize];
    }

    /**
     * Number of optimizer steps in one epoch over {@code samples} samples (the last batch may be partial).
     *
     * @param samples the number of samples
     * @return the number of steps
     */
    public int batchesPerEpoch(int samples) {
        return (samples + batchSize - 1) / batchSize;
    }

    /**
     * The order in which epoch {@code epoch} visits the samples: a permutation drawn from the seed and epoch.
     *
     * @param epoch the epoch
     * @param samples the number of samples
     * @return the permutation
     */
    public int[] epochOrder(int epoch, int samples) {
        int[] perm = new int[samples];
        for (int i = 0; i < samples; i++) {
            perm[i] = i;
        }
        new Rng(Rng.mix(seed * 0x9E3779B97F4A7C15L + epoch)).shuffle(perm);
        return perm;
    }

    /**
     * One pass over {@code train} in a fresh random order. Throws if the loss explodes or a gradient becomes NaN
     * or infinite.
     *
     * @param epoch the epoch, from 0: with the batch, where the step falls in the learning-rate schedule
     * @param train the training samples
     * @param listener told after each batch, or null
     * @return the epoch's figures
     */
    public EpochStats trainEpoch(int epoch, Samples train, Listener listener) {
        checkShape(network, train);
        long start = System.nanoTime();
        this.data = train;
        this.order = epochOrder(epoch, train.size());
        this.epoch = epoch;
        int batches = batchesPerEpoch(train.size());
        double lossSum = 0;
        int correct = 0;
        for (int b = 0; b < batches; b++) {
            batchStart = b * batchSize;
            int n = Math.min(batchSize, train.size() - batchStart);
            context.pool().forRange(n, gatherTask);
            optimizer.setLearningRate(schedule.at((long) epoch * batches + b));
            optimizer.zeroGrad();
            float[] logits = network.forward(batchInputs, n, true);
            double l = loss.forward(logits, batchLabels, n);
            if (!Double.isFinite(l) || l > EXPLODED_LOSS) {
                throw new TrainingDivergedException("the loss became " + l + " in epoch " + (epoch + 1) + ", step "
                        + (b + 1) + " of " + batches + "; lower the learning rate (now " + optimizer.learningRate() + ")");
            }
            correct += countCorrect(logits, batchLabels, n);
            network.backward(loss.gradient(), n);
            float[] grads = network.parameters().grads();
            if (!Float.isFinite(context.kernels().sum(grads, 0, grads.length))) {
                // one NaN or infinity anywhere makes the sum non-finite; a step would spread it to every weight
                throw new TrainingDivergedException("the gradients became infinite or NaN in epoch " + (epoch + 1)
                        + ", step " + (b + 1) + " of " + batches + "; lower the learning rate (now "
                        + optimizer.learningRate() + ")");
            }
            optimizer.step();
            lossSum += l * n;
            listener.onBatch(epoch, b, batches, l);
        }
        this.data = null;
        this.order = null;
        return new EpochStats(epoch, lossSum / train.size(), correct / (double) train.size(), train.size(),
                (System.nanoTime() - start) / 1e9);
    }

    /** Copies (and distorts, with augmentation) batch positions [from, to) into the batch buffers. */
    private void gather(int from, int to, int worker) {
        for (int i = from; i < to; i++) {
            int sample = order[batchStart + i];
            batchLabels[i] = data.label(sample);
            if (augmenter == null) {
                data.copyInput(sample, batchInputs, i * sampleSize);
            } else {
                data.copyInput(sample, workerImages[worker], 0);
                Rng rng = workerRngs[worker];
                rng.reseed(Rng.mix(Rng.mix(seed + epoch) ^ sample)); // the same distortion on any thread
                augmenter.apply(workerImages[worker], 0, batchInputs, i * sampleSize, channels, height, width, rng);
            }
        }
    }

    private int countCorrect(float[] logits, int[] labels, int n) {
        int correct = 0;
        for (int i = 0; i < n; i++) {
            if (argmax(logits, i * classes, classes) == labels[i]) {
                correct++;
            }
        }
        return correct;
    }

    static int argmax(float[] x, int off, int n) {
        int best = 0;
        for (int j = 1; j < n; j++) {
            if (x[off + j] > x[off + best]) {
                best = j;
            }
        }
        return best;
    }

    /**
     * Runs {@code network} in evaluation mode over every sample of {@code data}.
     *
     * @param network the network
     * @param data the samples
     * @return the evaluation
     */
    public static Evaluation evaluate(Sequential network, Samples data) {
        checkShape(network, data);
        int classes = network.outputShape().size();
        int size = network.inputShape().size();
        int[][] confusion = new int[classes][classes];
        int[] predictions = new int[data.size()];
        double lossSum = 0;
        int batch = network.maxBatch();
        float[] chunk = new float[batch * size];
        int[] labels = new int[batch];
        for (int start = 0; start < data.size(); start += batch) {
            int n = Math.min(batch, data.size() - start);
            for (int i = 0; i < n; i++) {
                data.copyInput(start + i, chunk, i * size);
                labels[i] = data.label(start + i);
            }
            float[] logits = network.forward(chunk, n, false);
            lossSum += LossKernels.softmaxCrossEntropy(logits, n, classes, labels, null, null) * n;
            for (int i = 0; i < n; i++) {
                int p = argmax(logits, i * classes, classes);
                predictions[start + i] = p;
                confusion[labels[i]][p]++;
            }
        }
        return new Evaluation(confusion, predictions, lossSum);
    }

    private static void checkShape(Sequential network, Samples d) {
        if (!d.sampleShape().equals(network.inputShape())) {
            throw new IllegalArgumentException("samples of shape " + d.sampleShape() + " for a network taking "
                    + network.inputShape());
        }
    }
}

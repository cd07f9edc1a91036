package dev.inkwell.nn;

import dev.inkwell.init.Rng;
import dev.inkwell.optim.Optimizer;

/** Random data and a plain training step, for the tests that train small networks. */
final class TrainingHarness {
    final float[] images;
    final int[] labels;
    final SoftmaxCrossEntropy loss;

    TrainingHarness(int samples, int sampleSize, int classes, int maxBatch, long seed) {
        Rng rng = new Rng(seed);
        images = new float[samples * sampleSize];
        labels = new int[samples];
        for (int i = 0; i < images.length; i++) {
            images[i] = (float) rng.nextGaussian();
        }
        for (int i = 0; i < samples; i++) {
            labels[i] = rng.nextInt(classes);
        }
        loss = new SoftmaxCrossEntropy(classes, maxBatch);
    }

    /** zero-grad, forward, loss, backward, step on the first {@code batch} samples; returns the loss. */
    double step(Sequential net, Optimizer opt, int batch) {
        opt.zeroGrad();
        float[] logits = net.forward(images, batch, true);
        double l = loss.forward(logits, labels, batch);
        net.backward(loss.gradient(), batch);
        opt.step();
        return l;
    }
}

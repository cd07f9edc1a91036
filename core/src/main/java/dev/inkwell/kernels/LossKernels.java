package dev.inkwell.kernels;

/** Numerically stable softmax, and fused log-softmax + negative log-likelihood. */
public final class LossKernels {
    private LossKernels() {
    }

    /**
     * Mean cross-entropy of logits (n, classes) against integer targets, and its gradient
     * dLoss/dLogits = (softmax - onehot) / n written to {@code grad} (may be null). When
     * {@code logProbs} is not null it receives log_softmax(logits). The maximum logit is subtracted
     * before exponentiating and the normaliser is summed in double, so logits of any magnitude work.
     *
     * @param logits the logits, n rows of {@code classes}
     * @param n the number of rows
     * @param classes the number of classes
     * @param targets the class of each row
     * @param grad receives the gradient, or null
     * @param logProbs receives the log-probabilities, or null
     * @return the mean loss
     */
    public static double softmaxCrossEntropy(float[] logits, int n, int classes, int[] targets,
                                             float[] grad, float[] logProbs) {
        Checks.range("softmaxCrossEntropy logits", logits, 0, n * classes);
        if (targets.length < n) {
            throw new IllegalArgumentException("softmaxCrossEntropy: " + targets.length + " targets for " + n
                    + " rows");
        }
        double total = 0;
        float invN = 1f / n;
        for (int i = 0; i < n; i++) {
            int row = i * classes;
            int t = targets[i];
            if (t < 0 || t >= classes) {
                throw new IllegalArgumentException("target " + t + " of row " + i + " is not a class in [0, "
                        + classes + ")");
            }
            double logZ = logNormalizer(logits, row, classes);
            total -= logits[row + t] - logZ;
            for (int j = 0; j < classes; j++) {
                double logP = logits[row + j] - logZ;
                if (logProbs != null) {
                    logProbs[row + j] = (float) logP;
                }
                if (grad != null) {
                    grad[row + j] = (float) (Math.exp(logP) - (j == t ? 1 : 0)) * invN;
                }
            }
        }
        return total / n;
    }

    /**
     * Class probabilities softmax(logits) of {@code n} rows of {@code classes} logits, written to {@code out}.
     *
     * @param logits the logits, n rows of {@code classes}
     * @param n the number of rows
     * @param classes the number of classes
     * @param out receives the probabilities (may be logits)
     */
    public static void softmax(float[] logits, int n, int classes, float[] out) {
        Checks.range("softmax logits", logits, 0, n * classes);
        Checks.range("softmax out", out, 0, n * classes);
        for (int i = 0; i < n; i++) {
            int row = i * classes;
            double logZ = logNormalizer(logits, row, classes);
            for (int j = 0; j < classes; j++) {
                out[row + j] = (float) Math.exp(logits[row + j] - logZ);
            }
        }
    }

    /**
     * log Σ exp(logits) of one row: the maximum is subtracted before exponentiating and the sum kept in
     * double, so logits of any magnitude work.
     */
    private static double logNormalizer(float[] logits, int row, int classes) {
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < classes; j++) {
            max = Math.max(max, logits[row + j]);
        }
        double z = 0;
        for (int j = 0; j < classes; j++) {
            z += Math.exp((double) logits[row + j] - max);
        }
        return max + Math.log(z);
    }
}

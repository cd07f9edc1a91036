package dev.inkwell.train;

/**
 * The result of running a classifier over a labelled set: the summed loss, the confusion matrix
 * (rows true class, columns predicted), and each sample's prediction.
 */
public final class Evaluation {
    private final int[][] confusion;
    private final int[] predictions;
    private final double lossSum;
    private final int count;

    Evaluation(int[][] confusion, int[] predictions, double lossSum) {
        this.confusion = confusion;
        this.predictions = predictions;
        this.lossSum = lossSum;
        this.count = predictions.length;
    }

    /**
     * Samples evaluated.
     *
     * @return the count
     */
    public int count() {
        return count;
    }

    /**
     * Samples classified correctly.
     *
     * @return the count
     */
    public int correct() {
        int c = 0;
        for (int i = 0; i < confusion.length; i++) {
            c += confusion[i][i];
        }
        return c;
    }

    /**
     * Fraction correct, in [0, 1].
     *
     * @return the accuracy
     */
    public double accuracy() {
        return count == 0 ? 0 : correct() / (double) count;
    }

    /**
     * Mean cross-entropy loss per sample (summed over the set, then divided by its size).
     *
     * @return the loss
     */
    public double averageLoss() {
        return count == 0 ? 0 : lossSum / count;
    }

    /**
     * confusion[true][predicted] counts; a copy.
     *
     * @return the matrix
     */
    public int[][] confusion() {
        int[][] c = new int[confusion.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = confusion[i].clone();
        }
        return c;
    }

    /**
     * The predicted class of each sample, in order; a copy.
     *
     * @return the predictions
     */
    public int[] predictions() {
        return predictions.clone();
    }

    /**
     * Of the samples predicted as {@code k}, the fraction that are {@code k} (NaN if none).
     *
     * @param k the class
     * @return the precision
     */
    public double precision(int k) {
        int predicted = 0;
        for (int[] row : confusion) {
            predicted += row[k];
        }
        return predicted == 0 ? Double.NaN : confusion[k][k] / (double) predicted;
    }

    /**
     * Of the samples of class {@code k}, the fraction predicted as {@code k} (NaN if none).
     *
     * @param k the class
     * @return the recall
     */
    public double recall(int k) {
        int actual = 0;
        for (int v : confusion[k]) {
            actual += v;
        }
        return actual == 0 ? Double.NaN : confusion[k][k] / (double) actual;
    }

    /**
     * Harmonic mean of precision and recall (0 when both are 0, NaN when undefined).
     *
     * @param k the class
     * @return the F1 score
     */
    public double f1(int k) {
        double p = precision(k), r = recall(k);
        if (Double.isNaN(p) || Double.isNaN(r)) {
            return Double.NaN;
        }
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }
}

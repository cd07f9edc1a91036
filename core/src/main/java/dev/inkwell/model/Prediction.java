package dev.inkwell.model;

import java.util.Arrays;
import java.util.List;

/** What a model read in one image: the probability of every class, and the classes ranked by it. */
public final class Prediction {
    private final List<String> classNames;
    private final float[] probabilities;
    private final int[] ranking;

    Prediction(List<String> classNames, float[] probabilities) {
        this.classNames = classNames;
        this.probabilities = probabilities.clone();
        // ties keep class order, so equal inputs always rank alike
        this.ranking = java.util.stream.IntStream.range(0, probabilities.length).boxed()
                .sorted((a, b) -> Float.compare(probabilities[b], probabilities[a]))
                .mapToInt(Integer::intValue).toArray();
    }

    /**
     * Index of the most probable class (for MNIST, the digit).
     *
     * @return the class index
     */
    public int best() {
        return ranking[0];
    }

    /**
     * Name of the most probable class.
     *
     * @return the class name
     */
    public String label() {
        return classNames.get(ranking[0]);
    }

    /**
     * Probability of the most probable class.
     *
     * @return the probability
     */
    public float confidence() {
        return probabilities[ranking[0]];
    }

    /**
     * Probability of every class, in class order (a copy).
     *
     * @return the probabilities
     */
    public float[] probabilities() {
        return probabilities.clone();
    }

    /**
     * The class indices from most to least probable.
     *
     * @return the class indices, best first
     */
    public int[] ranking() {
        return ranking.clone();
    }

    /**
     * The class names, in the order of the probabilities.
     *
     * @return the class names
     */
    public List<String> classNames() {
        return classNames;
    }

    @Override
    public String toString() {
        return label() + " (" + confidence() + ") " + Arrays.toString(probabilities);
    }
}

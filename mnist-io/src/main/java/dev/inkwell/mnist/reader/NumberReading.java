package dev.inkwell.mnist.reader;

import dev.inkwell.model.Prediction;

import java.util.List;

/**
 * A number read from an image: its digits left to right (leading zeros kept), how sure the reader is of
 * the whole string, and each digit found.
 *
 * @param digits the digits as text, for example {@code "0342"}
 * @param confidence the product of the digits' confidences: the probability of the whole string, in [0, 1]
 * @param found each digit, left to right
 */
public record NumberReading(String digits, double confidence, List<Found> found) {
    /**
     * Copies the list.
     *
     * @param digits the digits as text
     * @param confidence the whole string's confidence
     * @param found each digit, left to right
     */
    public NumberReading {
        found = List.copyOf(found);
    }

    /**
     * One digit of the number: its box in the image and what the model made of it.
     *
     * @param x left edge of the box, in the image's pixels
     * @param y top edge of the box
     * @param width the box's width
     * @param height the box's height
     * @param prediction the model's reading (best class, confidence, ranking)
     */
    public record Found(int x, int y, int width, int height, Prediction prediction) {
    }
}

package dev.inkwell.mnist.image;

/**
 * One digit found in an image of a number: where it is, and its ink framed as MNIST frames a digit.
 *
 * @param x left edge of the digit's box, in the image's pixels
 * @param y top edge of the box
 * @param width the box's width
 * @param height the box's height
 * @param pixels 28x28 grey bytes, white ink on black, row-major: what a digit model reads
 */
public record LocatedDigit(int x, int y, int width, int height, byte[] pixels) {
}

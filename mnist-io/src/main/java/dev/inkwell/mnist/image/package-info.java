/**
 * Pictures of digits in, MNIST-style 28x28 digits out: {@link dev.inkwell.mnist.image.DigitPreprocessor}
 * and the {@link dev.inkwell.mnist.image.ImageDecoder} it reads files with.
 */
package dev.inkwell.mnist.image;

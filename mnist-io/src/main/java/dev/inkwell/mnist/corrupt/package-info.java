/**
 * Corrupted MNIST-style images for robustness tests: the fifteen corruptions of MNIST-C,
 * {@link dev.inkwell.mnist.corrupt.Corruption}.
 */
package dev.inkwell.mnist.corrupt;

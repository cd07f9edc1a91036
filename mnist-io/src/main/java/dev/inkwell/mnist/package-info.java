/**
 * MNIST-style data: a strict IDX reader and writer ({@link dev.inkwell.mnist.IdxReader},
 * {@link dev.inkwell.mnist.IdxWriter}), the datasets ({@link dev.inkwell.mnist.MnistDataset}) and
 * how they are found or fetched with verified checksums ({@link dev.inkwell.mnist.DatasetLocator}).
 */
package dev.inkwell.mnist;

/**
 * Shapes and float32 tensors in PyTorch's NCHW layout, stored in flat {@code float[]} arrays so that
 * kernels can work on them with plain index arithmetic.
 */
package dev.inkwell.tensor;

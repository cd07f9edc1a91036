/**
 * Compute kernels: stateless static methods and the {@link dev.inkwell.kernels.Kernels} interface,
 * working on {@code float[]} arrays with offsets and explicit dimensions. Every fast kernel has a plain
 * scalar twin that serves as its test oracle.
 */
package dev.inkwell.kernels;

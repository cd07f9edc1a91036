/**
 * The only package that imports {@code jdk.incubator.vector}. Its classes are loaded reflectively by
 * {@link dev.inkwell.kernels.KernelsProvider} after it has checked that the module is present.
 */
package dev.inkwell.kernels.vector;

/**
 * Datasets of ordinary image files: {@link dev.inkwell.mnist.folder.ImageFolder} reads a folder with one
 * subfolder per class, resizes every image to the network's input size, and computes per-channel
 * normalisation statistics.
 */
package dev.inkwell.mnist.folder;

/** Mini-batch training with seeded shuffling and augmentation, and evaluation metrics. */
package dev.inkwell.train;

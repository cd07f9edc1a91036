/**
 * Optimizers with {@code torch.optim} semantics ({@link dev.inkwell.optim.Sgd},
 * {@link dev.inkwell.optim.Adam}, {@link dev.inkwell.optim.AdamW}) and learning-rate schedules.
 */
package dev.inkwell.optim;

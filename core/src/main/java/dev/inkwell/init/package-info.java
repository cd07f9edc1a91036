/** Seeded randomness and the weight initialisers of {@code torch.nn.init}. */
package dev.inkwell.init;

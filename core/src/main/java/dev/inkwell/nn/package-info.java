/**
 * Layers, the {@link dev.inkwell.nn.Sequential} container and the loss. Layers follow PyTorch's
 * conventions (NCHW, weight layouts, default initialisation, parameter names) so that results can be
 * compared with it one to one. See {@link dev.inkwell.nn.Layer} for the lifecycle.
 */
package dev.inkwell.nn;

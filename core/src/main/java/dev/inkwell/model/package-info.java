/**
 * Models and checkpoints in the self-describing, checksummed {@code .inkwell} file format.
 */
package dev.inkwell.model;

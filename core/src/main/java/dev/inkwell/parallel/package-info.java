/** A dedicated, allocation-free worker pool that splits index ranges across threads deterministically. */
package dev.inkwell.parallel;

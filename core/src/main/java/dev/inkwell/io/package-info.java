/** File helpers shared by the modules: atomic, durable writes. */
package dev.inkwell.io;

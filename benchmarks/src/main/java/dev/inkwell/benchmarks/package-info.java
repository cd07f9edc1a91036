/**
 * JMH benchmarks of the kernels and of a whole training step. Build with {@code mvn package} and run
 * {@code java -jar benchmarks/target/benchmarks.jar}; see benchmarks/README.md.
 */
package dev.inkwell.benchmarks;

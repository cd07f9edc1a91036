package dev.inkwell.testing;

import dev.inkwell.kernels.Kernels;
import dev.inkwell.kernels.KernelsProvider;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Tests tagged {@link #TAG} run in the build's vector pass only (the scalar-fallback pass leaves them out,
 * see the parent pom): those that compare the vector kernels with the scalar ones, and those that measure
 * something other than the kernels (accuracy, recovery, the page, allocation of the larger networks) and
 * on scalar kernels would take minutes to show nothing new.
 */
public final class VectorPass {
    /** The tag that the scalar-fallback pass excludes. */
    public static final String TAG = "vector-pass";

    private VectorPass() {
    }

    /** The Vector API kernels; fails the test when the JVM runs without {@code jdk.incubator.vector}. */
    public static Kernels kernels() {
        return KernelsProvider.vector().orElseGet(() -> fail(
                "the vector pass needs the module: run with --add-modules jdk.incubator.vector"));
    }
}

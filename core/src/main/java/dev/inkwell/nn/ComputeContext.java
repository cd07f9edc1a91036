package dev.inkwell.nn;

import dev.inkwell.kernels.Kernels;
import dev.inkwell.kernels.KernelsProvider;
import dev.inkwell.parallel.WorkerPool;

/**
 * Where a network computes: its worker pool and its kernels. Passed in at build time rather than
 * read from globals, so two networks in one JVM can differ (tests run scalar and vector side by side).
 */
public record ComputeContext(WorkerPool pool, Kernels kernels) {

    /**
     * Checks that both are given.
     *
     * @param pool the threads that run the layers
     * @param kernels the kernels the layers call
     */
    public ComputeContext {
        if (pool == null || kernels == null) {
            throw new IllegalArgumentException("pool and kernels are required");
        }
    }

    /**
     * The process-wide default: kernels from {@code -Dinkwell.simd}, a pool sized by
     * {@code -Dinkwell.threads} (default: available processors), created once on first use.
     *
     * @return the shared default context
     */
    public static ComputeContext defaults() {
        return Default.INSTANCE;
    }

    /**
     * The default kernels on a new pool of {@code threads} threads.
     *
     * @param threads the number of threads, at least 1
     * @return a new context; close its pool when done
     */
    public static ComputeContext withThreads(int threads) {
        return new ComputeContext(new WorkerPool(threads), KernelsProvider.get());
    }

    private static final class Default {
        static final ComputeContext INSTANCE =
                new ComputeContext(WorkerPool.fromSystemProperty(), KernelsProvider.get());
    }
}

package dev.inkwell.nn;

import dev.inkwell.kernels.KernelsProvider;
import dev.inkwell.models.ReferenceNets;
import dev.inkwell.optim.Optimizer;
import dev.inkwell.optim.Sgd;
import dev.inkwell.parallel.WorkerPool;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * In steady state a training step (zero-grad, forward, loss, backward, SGD step) allocates nothing,
 * on the calling thread and on the pool's workers, for full and partial batches. Measured with
 * {@code ThreadMXBean.getThreadAllocatedBytes}; slack: 256 bytes per step on average, for what the
 * JVM itself may allocate while the test runs (JIT deoptimisation, the measuring calls).
 */
class ZeroAllocationTest {
    private static final long SLACK_PER_STEP = 256;
    private static final int MAX_WINDOWS = 50;

    @ParameterizedTest
    @ValueSource(strings = {"nets", "lenet5"})
    @SuppressWarnings("deprecation") // Thread.getId: threadId() only exists from JDK 19
    void trainingStepAllocatesNothing(String arch) {
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled());
        try (WorkerPool pool = new WorkerPool(2)) {
            ComputeContext ctx = new ComputeContext(pool, KernelsProvider.get());
            Sequential net = ReferenceNets.byName(arch).build(ReferenceNets.INPUT_SHAPE, 32, ctx, 1);
            Optimizer opt = new Sgd(net.parameters(), Sgd.Config.of(0.01).momentum(0.9), ctx);
            TrainingHarness data = new TrainingHarness(32, 28 * 28, 10, 32, 2);
            for (int i = 0; i < 30; i++) { // warm up: JIT compilation, lazy class init
                data.step(net, opt, 32);
                data.step(net, opt, 13);
            }
            long[] ids = new long[pool.threads()];
            ids[0] = Thread.currentThread().getId();
            Thread[] workers = pool.workerThreads();
            for (int i = 0; i < workers.length; i++) {
                ids[i + 1] = workers[i].getId();
            }
            // The JIT compiles in the background, behind whatever earlier tests queued: until it reaches the
            // vector kernels they run as compiled-early code that boxes every vector. Steady state is the
            // first window of steps that allocates nothing; a real allocation shows in every window.
            int steps = 40, windows = 0;
            long allocated;
            do {
                long before = total(mx.getThreadAllocatedBytes(ids));
                for (int i = 0; i < steps / 2; i++) {
                    data.step(net, opt, 32);
                    data.step(net, opt, 13);
                }
                allocated = total(mx.getThreadAllocatedBytes(ids)) - before;
                windows++;
            } while (allocated > SLACK_PER_STEP * steps && windows < MAX_WINDOWS);
            System.out.printf("%s: %d bytes allocated over %d training steps (%.1f per step), window %d%n", arch,
                    allocated, steps, allocated / (double) steps, windows);
            assertTrue(allocated <= SLACK_PER_STEP * steps,
                    arch + ": " + allocated + " bytes allocated over " + steps + " steps, in each of " + windows
                            + " windows");
        }
    }

    private static long total(long[] bytes) {
        long sum = 0;
        for (long b : bytes) {
            sum += b;
        }
        return sum;
    }
}

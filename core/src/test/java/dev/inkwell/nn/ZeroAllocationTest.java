package dev.inkwell.nn;

import dev.inkwell.kernels.KernelsProvider;
import dev.inkwell.models.ReferenceNets;
import dev.inkwell.optim.Adam;
import dev.inkwell.optim.Optimizer;
import dev.inkwell.optim.Sgd;
import dev.inkwell.parallel.WorkerPool;
import dev.inkwell.testing.VectorPass;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * In steady state a training step (zero-grad, forward, loss, backward, optimizer step) allocates nothing,
 * on the calling thread and on the pool's workers, for full and partial batches, with SGD and with Adam,
 * on networks with and without batch norm. Measured with {@code ThreadMXBean.getThreadAllocatedBytes}
 * over a long run after steady state, so an allocation made only every few hundred steps shows too.
 *
 * <p>One allocation is not the code's own: whether C2 keeps Vector API values in registers or boxes them
 * is the JIT's decision, and it differs between CPUs and JVM builds. When no window of steps comes out
 * clean, a flight recording tells the two apart: an allocation made outside the Vector API's own frames
 * fails the test with its call site; vectors left boxed are reported with the kernels that box them (they
 * cost speed, which the benchmarks measure with {@code -prof gc}). The scalar pass runs NetS and LeNet-5
 * with no vector code at all, where every allocation is the code's own.
 */
class ZeroAllocationTest {
    private static final int MAX_BATCH = 16;
    private static final int PARTIAL_BATCH = 5;
    /** Steady state: the first window of this many steps that allocates at most {@link #WARM_SLACK_PER_STEP}. */
    private static final int WARM_WINDOW = 40;
    private static final long WARM_SLACK_PER_STEP = 256;
    private static final int MAX_WARM_WINDOWS = 50;
    /**
     * Then this many steps in one run, allowed {@link #LONG_RUN_SLACK} bytes in all: the JVM's own (a late
     * recompilation runs a kernel a few times in code that boxes vectors; up to 1.9 KB seen). The smallest
     * object allocated at every step (16 bytes) would exceed it four times over, and so would a 1 KB buffer
     * allocated every 250 steps.
     */
    private static final int LONG_RUN = 1000;
    private static final long LONG_RUN_SLACK = 4096;

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource({"nets, sgd", "lenet5, sgd"})
    void referenceNetworksAllocateNothing(String arch, String optimizer) {
        assertSteadyStateAllocatesNothing(arch, optimizer);
    }

    /** The vector pass only: the scalar kernels make these several minutes long, and the layers are the same. */
    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource({"best, sgd", "best, adam", "nets, adam"})
    @Tag(VectorPass.TAG)
    void batchNormAndAdamAllocateNothing(String arch, String optimizer) {
        assertSteadyStateAllocatesNothing(arch, optimizer);
    }

    @SuppressWarnings("deprecation") // Thread.getId: threadId() only exists from JDK 19
    private static void assertSteadyStateAllocatesNothing(String arch, String optimizer) {
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertTrue(mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled(),
                "this JVM cannot count allocated bytes per thread");
        try (WorkerPool pool = new WorkerPool(2)) {
            ComputeContext ctx = new ComputeContext(pool, KernelsProvider.get());
            Sequential net = ReferenceNets.byName(arch).build(ReferenceNets.INPUT_SHAPE, MAX_BATCH, ctx, 1);
            Optimizer opt = optimizer.equals("adam") ? new Adam(net.parameters(), Adam.Config.of(1e-3), ctx)
                    : new Sgd(net.parameters(), Sgd.Config.of(0.01).momentum(0.9), ctx);
            TrainingHarness data = new TrainingHarness(MAX_BATCH, 28 * 28, 10, MAX_BATCH, 2);
            long[] ids = new long[pool.threads()];
            ids[0] = Thread.currentThread().getId();
            Thread[] workers = pool.workerThreads();
            for (int i = 0; i < workers.length; i++) {
                ids[i + 1] = workers[i].getId();
            }
            // The JIT compiles in the background, behind whatever earlier tests queued: until it reaches the
            // vector kernels they run as compiled-early code that boxes every vector. Steady state is the
            // first window of steps that allocates (almost) nothing; a real allocation shows in every window.
            int windows = 0;
            long warm;
            do {
                warm = allocatedOver(WARM_WINDOW, net, opt, data, mx, ids);
                windows++;
            } while (warm > WARM_SLACK_PER_STEP * WARM_WINDOW && windows < MAX_WARM_WINDOWS);
            if (warm > WARM_SLACK_PER_STEP * WARM_WINDOW) {
                String what = arch + " with " + optimizer + ": " + warm + " bytes allocated over " + WARM_WINDOW
                        + " steps, in each of " + windows + " windows";
                AllocationSites sites = AllocationSites.record(() -> allocatedOver(WARM_WINDOW, net, opt, data, mx,
                        ids), ids);
                assertTrue(sites.outsideVectorApi().isEmpty(), what + "; allocated by: " + sites.outsideVectorApi());
                System.out.printf("%s; every allocation recorded was a vector the JIT left boxed (bytes by kernel): %s%n", what,
                        sites.vectorBoxes());
                return;
            }

            long allocated = allocatedOver(LONG_RUN, net, opt, data, mx, ids);
            System.out.printf("%s with %s: %d bytes allocated over %d training steps after %d warm-up windows%n",
                    arch, optimizer, allocated, LONG_RUN, windows);
            assertTrue(allocated <= LONG_RUN_SLACK, arch + " with " + optimizer + ": " + allocated
                    + " bytes allocated over " + LONG_RUN + " steps in steady state");
        }
    }

    /** Bytes allocated by the given threads over {@code steps} steps, full and partial batches alternating. */
    private static long allocatedOver(int steps, Sequential net, Optimizer opt, TrainingHarness data,
                                      com.sun.management.ThreadMXBean mx, long[] ids) {
        long before = total(mx.getThreadAllocatedBytes(ids));
        for (int i = 0; i < steps / 2; i++) {
            data.step(net, opt, MAX_BATCH);
            data.step(net, opt, PARTIAL_BATCH);
        }
        return total(mx.getThreadAllocatedBytes(ids)) - before;
    }

    private static long total(long[] bytes) {
        long sum = 0;
        for (long b : bytes) {
            sum += b;
        }
        return sum;
    }
}

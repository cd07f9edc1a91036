package dev.inkwell.parallel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A fixed team of threads that runs one {@link RangeTask} at a time over an index range, split into
 * contiguous chunks that the workers claim one after another until none is left; the calling thread
 * is worker 0. Several chunks per worker, claimed on demand, keep every core busy to the end of the
 * call even when one core runs slower (a virtual CPU shared with a neighbour, a turbo step): a
 * fixed half each would make the fast core wait. Dispatch allocates nothing, so a training step
 * stays allocation-free.
 *
 * <p>Determinism: a chunk's worker index only tells the task which scratch buffer is its own. Layers
 * split work so that every output element is computed by the same operations whatever the chunking,
 * hence results are bit-identical for any thread count.
 *
 * <p>A task submitted from inside a running task, or while another thread is using the pool, runs
 * without deadlock (inline, or after the other call).
 */
public final class WorkerPool implements AutoCloseable {
    /** The system property that sets the default thread count. */
    public static final String THREADS_PROPERTY = "inkwell.threads";
    /** Chunks per worker: enough to even out cores of unequal speed, few enough to keep claiming cheap. */
    private static final int CHUNKS_PER_WORKER = 8;
    /**
     * How long an idle worker spins before it sleeps. Waking a parked thread costs tens of
     * microseconds on a virtual machine, more than a small layer's whole pass, and the gaps between
     * the calls of a training step are far shorter than this.
     */
    private static final long SPIN_NANOS = 1_000_000;

    private final int threads;
    private final Thread[] workers;
    private final ReentrantLock submitLock = new ReentrantLock();
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicInteger nextChunk = new AtomicInteger();

    private volatile int generation;
    private volatile boolean closed;
    private volatile Throwable failure;
    private RangeTask task;
    private int size;
    private int chunks;
    private Thread caller;

    /**
     * A pool of {@code threads} workers, the caller included; 1 runs everything on the caller.
     *
     * @param threads the number of threads, at least 1
     */
    public WorkerPool(int threads) {
        if (threads < 1 || threads > 4096) {
            throw new IllegalArgumentException("thread count " + threads + " is not in [1, 4096]");
        }
        this.threads = threads;
        this.workers = new Thread[threads - 1];
        for (int i = 1; i < threads; i++) {
            int index = i;
            Thread t = new Thread(() -> workLoop(index), "inkwell-worker-" + i);
            t.setDaemon(true);
            workers[i - 1] = t;
            t.start();
        }
    }

    /**
     * A pool sized by {@code -Dinkwell.threads}, defaulting to the number of available processors.
     *
     * @return the pool
     */
    public static WorkerPool fromSystemProperty() {
        String value = System.getProperty(THREADS_PROPERTY);
        if (value == null) {
            return new WorkerPool(Runtime.getRuntime().availableProcessors());
        }
        try {
            return new WorkerPool(Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + THREADS_PROPERTY + "=" + value + " is not a number", e);
        }
    }

    /**
     * The number of threads, the caller's included.
     *
     * @return the thread count
     */
    public int threads() {
        return threads;
    }

    /**
     * The worker threads besides the caller, for example to measure what they allocate.
     *
     * @return the worker threads
     */
    public Thread[] workerThreads() {
        return workers.clone();
    }

    /**
     * Splits [0, n) into contiguous chunks and runs them in parallel; each chunk runs on one thread,
     * which passes its worker index (0 to {@link #threads()} - 1) so the task can pick its own scratch
     * buffers. Which worker gets which chunk varies from call to call.
     *
     * @param n the number of items
     * @param work what to do with each chunk
     */
    public void forRange(int n, RangeTask work) {
        if (n <= 0) {
            return;
        }
        if (closed) {
            throw new IllegalStateException("the worker pool is closed");
        }
        // one element is one chunk: the caller runs it rather than wake every worker for it
        if (threads == 1 || n == 1 || isWorker(Thread.currentThread()) || submitLock.isHeldByCurrentThread()) {
            work.run(0, n, 0);
            return;
        }
        submitLock.lock();
        try {
            task = work;
            size = n;
            chunks = Math.min(n, threads * CHUNKS_PER_WORKER);
            nextChunk.set(0);
            caller = Thread.currentThread();
            failure = null;
            // every worker takes part in every call, even with no chunk of its own: none of them can then
            // still be reading this call's fields when the next call writes them
            pending.set(workers.length);
            generation++; // volatile write publishes task, size, chunks
            for (Thread w : workers) {
                LockSupport.unpark(w);
            }
            try {
                runChunks(0);
            } catch (Throwable t) {
                failure = t;
            }
            awaitWorkers();
            task = null;
            Throwable f = failure;
            if (f != null) {
                if (f instanceof RuntimeException re) {
                    throw re;
                }
                if (f instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(f);
            }
        } finally {
            submitLock.unlock();
        }
    }

    private void runChunks(int worker) {
        for (int c = nextChunk.getAndIncrement(); c < chunks; c = nextChunk.getAndIncrement()) {
            int from = (int) ((long) size * c / chunks);
            int to = (int) ((long) size * (c + 1) / chunks);
            task.run(from, to, worker);
        }
    }

    private void awaitWorkers() {
        long spinUntil = System.nanoTime() + SPIN_NANOS;
        while (pending.get() != 0) {
            if (System.nanoTime() < spinUntil) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(this, 100_000);
            }
        }
    }

    private void workLoop(int index) {
        int seen = 0;
        while (true) {
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            while (generation == seen && !closed) {
                if (System.nanoTime() < spinUntil) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
            if (closed) {
                return;
            }
            seen = generation;
            try {
                runChunks(index);
            } catch (Throwable t) {
                failure = t;
            }
            if (pending.decrementAndGet() == 0) {
                LockSupport.unpark(caller);
            }
        }
    }

    private boolean isWorker(Thread t) {
        for (Thread w : workers) {
            if (w == t) {
                return true;
            }
        }
        return false;
    }

    /** Stops the worker threads. */
    @Override
    public void close() {
        closed = true;
        for (Thread w : workers) {
            LockSupport.unpark(w);
        }
    }
}

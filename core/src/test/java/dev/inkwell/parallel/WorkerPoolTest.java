package dev.inkwell.parallel;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkerPoolTest {

    @Test
    void everyIndexRunsExactlyOnceOnAValidWorker() {
        try (WorkerPool pool = new WorkerPool(3)) {
            for (int n : new int[] {1, 2, 3, 4, 10, 1000}) {
                int[] hits = new int[n];
                AtomicInteger chunks = new AtomicInteger();
                for (int repeat = 0; repeat < 50; repeat++) {
                    java.util.Arrays.fill(hits, 0);
                    chunks.set(0);
                    pool.forRange(n, (from, to, worker) -> {
                        assertTrue(from < to, "empty chunk");
                        assertTrue(worker >= 0 && worker < 3, "worker " + worker);
                        chunks.incrementAndGet();
                        for (int i = from; i < to; i++) {
                            hits[i]++;
                        }
                    });
                    for (int i = 0; i < n; i++) {
                        assertEquals(1, hits[i], "index " + i + " of " + n);
                    }
                    assertTrue(chunks.get() <= Math.min(n, 3 * 8), chunks.get() + " chunks for " + n);
                }
            }
        }
    }

    @Test
    void exceptionsReachTheCallerAndThePoolStaysUsable() {
        try (WorkerPool pool = new WorkerPool(2)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> pool.forRange(10, (f, t, w) -> {
                if (f <= 5 && 5 < t) {
                    throw new IllegalStateException("boom in worker");
                }
            }));
            assertEquals("boom in worker", e.getMessage());
            AtomicInteger count = new AtomicInteger();
            pool.forRange(10, (f, t, w) -> count.addAndGet(t - f));
            assertEquals(10, count.get());
        }
    }

    @Test
    void nestedCallsRunInline() {
        try (WorkerPool pool = new WorkerPool(2)) {
            AtomicInteger count = new AtomicInteger();
            pool.forRange(4, (f, t, w) -> {
                for (int i = f; i < t; i++) {
                    pool.forRange(3, (f2, t2, w2) -> count.addAndGet(t2 - f2));
                }
            });
            assertEquals(12, count.get());
        }
    }

    @Test
    void callsFromSeveralThreadsDoNotInterfere() throws InterruptedException {
        try (WorkerPool pool = new WorkerPool(2)) {
            AtomicInteger total = new AtomicInteger();
            Thread[] users = new Thread[4];
            for (int u = 0; u < users.length; u++) {
                users[u] = new Thread(() -> {
                    for (int i = 0; i < 200; i++) {
                        pool.forRange(7, (f, t, w) -> total.addAndGet(t - f));
                    }
                });
                users[u].start();
            }
            for (Thread u : users) {
                u.join();
            }
            assertEquals(4 * 200 * 7, total.get());
        }
    }

    @Test
    void badThreadCountsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new WorkerPool(0));
        WorkerPool closed = new WorkerPool(2);
        closed.close();
        assertThrows(IllegalStateException.class, () -> closed.forRange(5, (f, t, w) -> { }));
    }
}

package dev.inkwell.examples.server;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Memory the server lets image decodes hold at once, counted in KiB. A decode takes what the image's header
 * says it will need before it starts, and gives it back when its digit has been read; a request that cannot
 * get its share within a short wait is turned away (503) instead of pushing the heap over its limit. Small
 * requests take their share past a large one waiting (the semaphore is not fair): a flood of expensive images
 * slows only itself.
 */
final class DecodeBudget {
    private final Semaphore kib;
    private final int capacityKib;

    DecodeBudget(long bytes) {
        this.capacityKib = (int) Math.min(Integer.MAX_VALUE, Math.max(1, bytes >> 10));
        this.kib = new Semaphore(capacityKib);
    }

    /** Takes {@code bytes} (at most the whole budget), waiting up to {@code waitMillis}; false if they never came. */
    boolean take(long bytes, long waitMillis) throws InterruptedException {
        return kib.tryAcquire(share(bytes), waitMillis, TimeUnit.MILLISECONDS);
    }

    /** Gives back what {@link #take} took for {@code bytes}. */
    void give(long bytes) {
        kib.release(share(bytes));
    }

    private int share(long bytes) {
        return (int) Math.min(capacityKib, Math.max(1, (bytes + 1023) >> 10));
    }

    long capacityBytes() {
        return (long) capacityKib << 10;
    }
}

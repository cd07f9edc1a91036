package dev.inkwell.examples.server;

import java.util.concurrent.Semaphore;

/**
 * Memory the server lets image decodes hold at once, counted in KiB. A decode takes what the image's header
 * says it will need before it starts, and gives it back when its digits have been read; a request that cannot
 * get its share at once is turned away (503) instead of pushing the heap over its limit, or holding a turn
 * while it waits: a flood of expensive images slows only itself.
 */
final class DecodeBudget {
    private final Semaphore kib;
    private final int capacityKib;

    DecodeBudget(long bytes) {
        this.capacityKib = (int) Math.min(Integer.MAX_VALUE, Math.max(1, bytes >> 10));
        this.kib = new Semaphore(capacityKib);
    }

    /** Takes {@code bytes} (at most the whole budget) if they are free now; false if not. */
    boolean take(long bytes) {
        return kib.tryAcquire(share(bytes));
    }

    /** Gives back what {@link #take} took for {@code bytes}. */
    void give(long bytes) {
        kib.release(share(bytes));
    }

    private int share(long bytes) {
        return (int) Math.min(capacityKib, Math.max(1, (bytes + 1023) >> 10));
    }
}

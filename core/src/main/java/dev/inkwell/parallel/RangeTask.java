package dev.inkwell.parallel;

/** Work on the index range [from, to), run by the worker with the given index. */
@FunctionalInterface
public interface RangeTask {
    /** Does items [from, to) on worker {@code worker} (0 is the calling thread). */
    void run(int from, int to, int worker);
}

package dev.inkwell.parallel;

/** Work on the index range [from, to), run by the worker with the given index. */
@FunctionalInterface
public interface RangeTask {
    /**
     * Does items [from, to) on worker {@code worker} (0 is the calling thread).
     *
     * @param from the first item
     * @param to one past the last item
     * @param worker the worker's index
     */
    void run(int from, int to, int worker);
}

package dev.inkwell.parallel;

/** Work on the index range [from, to), run by the worker with the given index. */
@FunctionalInterface
public interface RangeTask {
    void run(int from, int to, int worker);
}

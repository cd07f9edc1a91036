package dev.inkwell.benchmarks;

import dev.inkwell.kernels.Kernels;
import dev.inkwell.kernels.KernelsProvider;

/** The kernel implementations a benchmark compares; "naive" is the benchmark's own plain loop. */
final class Impl {
    private Impl() {
    }

    /** The library kernels for {@code scalar} or {@code vector}; the forks add the Vector API module. */
    static Kernels kernels(String impl) {
        switch (impl) {
            case "scalar":
                return KernelsProvider.scalar();
            case "vector":
                return KernelsProvider.vector().orElseThrow(() ->
                        new IllegalStateException("run with --add-modules jdk.incubator.vector"));
            default:
                throw new IllegalArgumentException("no library kernels for impl=" + impl);
        }
    }

    /** "64x121x288" -> {64, 121, 288}. */
    static int[] dims(String s) {
        String[] p = s.split("x");
        int[] d = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            d[i] = Integer.parseInt(p[i]);
        }
        return d;
    }

    static float[] random(int n, long seed) {
        dev.inkwell.init.Rng rng = new dev.inkwell.init.Rng(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) rng.nextGaussian();
        }
        return a;
    }
}

package dev.inkwell.benchmarks;

import dev.inkwell.kernels.Kernels;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * C (m x n) = A (m x k) · B (k x n), one thread: square sizes and the products NetS and NetL make
 * (conv2 forward as rows·Wᵀ and its weight gradient; NetL's first fully connected layer). GFLOP/s =
 * 2·m·n·k / (ns/op).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class SgemmBench {
    @Param({"64x64x64", "256x256x256", "512x512x512", "1024x1024x1024", "121x64x288", "64x288x121", "64x128x9216"})
    public String mnk;

    @Param({"naive", "scalar", "vector"})
    public String impl;

    private int m, n, k;
    private float[] a, b, c;
    private Kernels kernels;

    @Setup
    public void setup() {
        int[] d = Impl.dims(mnk);
        m = d[0];
        n = d[1];
        k = d[2];
        a = Impl.random(m * k, 1);
        b = Impl.random(k * n, 2);
        c = new float[m * n];
        kernels = impl.equals("naive") ? null : Impl.kernels(impl);
    }

    @Benchmark
    public float[] sgemm() {
        if (kernels == null) {
            naive(m, n, k, a, b, c);
        } else {
            kernels.sgemm(false, false, m, n, k, a, 0, k, b, 0, n, c, 0, n, false);
        }
        return c;
    }

    /** The textbook triple loop: the baseline every speed-up is stated against. */
    static void naive(int m, int n, int k, float[] a, float[] b, float[] c) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float s = 0f;
                for (int p = 0; p < k; p++) {
                    s += a[i * k + p] * b[p * n + j];
                }
                c[i * n + j] = s;
            }
        }
    }
}

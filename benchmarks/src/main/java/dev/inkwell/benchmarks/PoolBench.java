package dev.inkwell.benchmarks;

import dev.inkwell.kernels.PoolKernels;
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
 * 2x2 max pooling with argmax over NetS's first pooling input (64 x 32 x 26 x 26, Gaussian values, so
 * which of a window's four wins is unpredictable, as on real activations): naive branches vs the
 * scalar and vector kernels.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class PoolBench {
    @Param({"naive", "scalar", "vector"})
    public String impl;

    private final int planes = 64 * 32, h = 26, w = 26;
    private float[] x, out;
    private int[] argmax;

    @Setup
    public void setup() {
        x = Impl.random(planes * h * w, 1);
        out = new float[planes * 13 * 13];
        argmax = new int[out.length];
    }

    @Benchmark
    public float[] maxPool() {
        if (impl.equals("naive")) {
            naive();
        } else {
            PoolKernels.maxForward(Impl.kernels(impl), x, 0, planes, h, w, 2, 2, 2, 0, out, 0, argmax, 0);
        }
        return out;
    }

    private void naive() {
        int o = 0;
        for (int pl = 0; pl < planes; pl++) {
            for (int y = 0; y < h / 2; y++) {
                for (int xo = 0; xo < w / 2; xo++) {
                    float best = Float.NEGATIVE_INFINITY;
                    int at = 0;
                    for (int i = 0; i < 2; i++) {
                        for (int j = 0; j < 2; j++) {
                            float v = x[pl * h * w + (2 * y + i) * w + 2 * xo + j];
                            if (v > best) {
                                best = v;
                                at = (2 * y + i) * w + 2 * xo + j;
                            }
                        }
                    }
                    out[o] = best;
                    argmax[o++] = at;
                }
            }
        }
    }
}

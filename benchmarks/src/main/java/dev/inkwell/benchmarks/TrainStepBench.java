package dev.inkwell.benchmarks;

import dev.inkwell.models.ReferenceNets;
import dev.inkwell.nn.ComputeContext;
import dev.inkwell.nn.Sequential;
import dev.inkwell.nn.SoftmaxCrossEntropy;
import dev.inkwell.optim.Sgd;
import dev.inkwell.parallel.WorkerPool;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * One full training step (zero-grad, forward, loss, backward, SGD with momentum) of a reference network
 * at batch 64. Images/s = 64 / (s/op). With {@code -prof gc} it also shows the allocation per step (0).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class TrainStepBench {
    @Param({"nets"})
    public String arch;

    @Param({"scalar", "vector"})
    public String impl;

    @Param({"1", "2"})
    public int threads;

    private WorkerPool pool;
    private Sequential net;
    private Sgd sgd;
    private SoftmaxCrossEntropy loss;
    private float[] x;
    private int[] y;

    @Setup
    public void setup() {
        pool = new WorkerPool(threads);
        ComputeContext ctx = new ComputeContext(pool, Impl.kernels(impl));
        net = ReferenceNets.byName(arch).build(ReferenceNets.INPUT_SHAPE, 64, ctx, 1);
        sgd = new Sgd(net.parameters(), Sgd.Config.of(0.01).momentum(0.9), ctx);
        loss = new SoftmaxCrossEntropy(10, 64);
        x = Impl.random(64 * 784, 1);
        y = new int[64];
        for (int i = 0; i < 64; i++) {
            y[i] = i % 10;
        }
    }

    @TearDown
    public void tearDown() {
        pool.close();
    }

    @Benchmark
    public double step() {
        sgd.zeroGrad();
        double l = loss.forward(net.forward(x, 64, true), y, 64);
        net.backward(loss.gradient(), 64);
        sgd.step();
        return l;
    }
}

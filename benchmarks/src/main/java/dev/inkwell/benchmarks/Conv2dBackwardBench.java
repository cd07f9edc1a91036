package dev.inkwell.benchmarks;

import dev.inkwell.nn.Sequential;
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
 * Backward pass of a convolution layer, one thread: the weight gradient alone ({@code inputGradient=false},
 * as for a first layer) or with the input gradient. GFLOP/s = 2·batch·MACs per gradient / (ns/op).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class Conv2dBackwardBench {
    @Param({ConvShapes.NETS_CONV1, ConvShapes.NETS_CONV2, ConvShapes.NETL_CONV2, "lenet-conv2:6:16:14:14:5:0"})
    public String layer;

    @Param({"1", "64"})
    public int batch;

    @Param({"false", "true"})
    public boolean inputGradient;

    @Param({"scalar", "vector"})
    public String impl;

    private Sequential net;
    private float[] gy;

    @Setup
    public void setup() {
        ConvShapes.Layer shape = ConvShapes.parse(layer);
        net = ConvShapes.network(shape, batch, impl, inputGradient);
        net.forward(Impl.random(batch * shape.cin() * shape.h() * shape.w(), 1), batch, true);
        gy = Impl.random(batch * shape.cout() * shape.oh() * shape.ow(), 3);
    }

    @Benchmark
    public float[] backward() {
        net.backward(gy, batch);
        return net.parameters().grads();
    }
}

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

/** Forward pass of the reference networks' convolution layers, one thread. GFLOP/s = 2·batch·MACs / (ns/op). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class Conv2dForwardBench {
    @Param({ConvShapes.NETS_CONV1, ConvShapes.NETS_CONV2, ConvShapes.NETL_CONV2, "lenet-conv1:1:6:28:28:5:2",
            "lenet-conv2:6:16:14:14:5:0"})
    public String layer;

    @Param({"1", "64"})
    public int batch;

    @Param({"naive", "scalar", "vector"})
    public String impl;

    private ConvShapes.Layer shape;
    private Sequential net;
    private float[] x, w, y;

    @Setup
    public void setup() {
        shape = ConvShapes.parse(layer);
        x = Impl.random(batch * shape.cin() * shape.h() * shape.w(), 1);
        w = Impl.random(shape.cout() * shape.cin() * shape.k() * shape.k(), 2);
        y = new float[batch * shape.cout() * shape.oh() * shape.ow()];
        if (!impl.equals("naive")) {
            net = ConvShapes.network(shape, batch, impl, false);
        }
    }

    @Benchmark
    public float[] forward() {
        if (net == null) {
            ConvShapes.naiveForward(shape, batch, x, w, y);
            return y;
        }
        return net.forward(x, batch, true);
    }
}

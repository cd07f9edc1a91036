package dev.inkwell.examples.cli;

import dev.inkwell.mnist.Dataset;
import dev.inkwell.mnist.MnistDataset;
import dev.inkwell.mnist.Split;
import dev.inkwell.model.Model;
import dev.inkwell.models.ReferenceNets;
import dev.inkwell.nn.ComputeContext;
import dev.inkwell.nn.Sequential;
import dev.inkwell.nn.SoftmaxCrossEntropy;
import dev.inkwell.optim.Sgd;
import dev.inkwell.train.LabeledImages;

import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * {@code inkwell benchmark}: training and inference speed of a reference network on real MNIST images,
 * measured as {@code ../shared/anchors/torch_bench.py} measures PyTorch and printed with the same keys:
 * training steps (SGD lr 0.01 momentum 0.9) over consecutive batches, inference over the first 10,000
 * training images in batches of 1,000 (as {@code torch_bench.py} does: only speed is measured, so which
 * images does not matter), five such passes with their median reported (as the ONNX Runtime and DJL
 * harnesses of {@code ../shared/anchors/java} do), and the latency of single-image calls. Training is timed once the JIT has
 * compiled the kernels: after {@code --warmup-seconds} of untimed steps (the first steps of a run are
 * several times slower, see README); {@code train_warmup_s} says how long that took.
 */
public final class BenchmarkCommand {
    private static final int INFER_PASSES = 5;

    static final String USAGE = """
            Usage: inkwell benchmark [options]
            Measures training and inference speed; prints key: value lines.
              --arch NAME          nets (default), fast, netl, lenet5 or best
              --threads N          worker threads (default: all processors)
              --batch-size N       training batch (default 64)
              --train-batches N    timed training steps (default 300)
              --warmup-seconds S   untimed training first, for the JIT (default 5)
              --latency-calls N    timed single-image calls (default 2000)
            """ + DataOptions.OPTIONS_HELP;

    private BenchmarkCommand() {
    }

    public static void main(String[] args) {
        System.exit(CommandLine.run(BenchmarkCommand::run, USAGE, args));
    }

    static int run(String[] args) throws UsageException, IOException {
        Options o = new Options(args, Set.of("arch", "threads", "batch-size", "train-batches", "warmup-seconds",
                "latency-calls", "data", "mirror", "dataset"), Set.of("no-verify"));
        if (o.help()) {
            System.out.print(USAGE);
            return 0;
        }
        String arch = o.string("arch", "nets").toLowerCase(Locale.ROOT);
        if (!ReferenceNets.NAMES.contains(arch)) {
            throw new UsageException("--arch must be one of " + ReferenceNets.NAMES);
        }
        int threads = CommandLine.threads(o);
        int batch = o.integer("batch-size", 64, 1, 4096);
        int trainBatches = o.integer("train-batches", 300, 1, 1_000_000);
        int latencyCalls = o.integer("latency-calls", 2000, 10, 1_000_000);
        int warmupSeconds = o.integer("warmup-seconds", 5, 0, 3600);
        MnistDataset trainSet = DataOptions.locator(o).load(Dataset.MNIST, Split.TRAIN);
        LabeledImages data = DataOptions.labeled(trainSet);
        int size = ReferenceNets.INPUT_SHAPE.size();

        ComputeContext ctx = ComputeContext.withThreads(threads);
        Sequential net;
        try {
            net = ReferenceNets.byName(arch).build(ReferenceNets.INPUT_SHAPE, Math.max(batch, 1000), ctx, 1);
        } catch (IllegalArgumentException e) { // a batch whose buffers do not fit: say so, with the sizes
            throw new UsageException("--batch-size " + batch + ": " + e.getMessage());
        }
        // the first single-image call of a fresh JVM: interpreted, before the JIT has compiled anything
        float[] one = Arrays.copyOf(data.inputs(), size);
        long firstCall = System.nanoTime();
        net.forward(one, 1, false);
        double firstCallMicros = (System.nanoTime() - firstCall) / 1e3;
        Sgd sgd = new Sgd(net.parameters(), Sgd.Config.of(0.01).momentum(0.9), ctx);
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy(10, batch);
        float[] x = new float[batch * size];
        int[] y = new int[batch];
        IntConsumer trainStep = step -> {
            int first = (step * batch) % (data.size() - batch);
            System.arraycopy(data.inputs(), first * size, x, 0, batch * size);
            System.arraycopy(data.labels(), first, y, 0, batch);
            sgd.zeroGrad();
            loss.forward(net.forward(x, batch, true), y, batch);
            net.backward(loss.gradient(), batch);
            sgd.step();
        };
        long began = System.nanoTime();
        int step = 0;
        while (System.nanoTime() - began < warmupSeconds * 1_000_000_000L) {
            trainStep.accept(step++);
        }
        long start = System.nanoTime();
        double warmupTime = (start - began) / 1e9;
        for (int i = 0; i < trainBatches; i++) {
            trainStep.accept(step++);
        }
        double trainRate = trainBatches * (double) batch / ((System.nanoTime() - start) / 1e9);

        float[] chunk = Arrays.copyOf(data.inputs(), 1000 * size);
        for (int i = 0; i < 20; i++) {
            net.forward(chunk, 1000, false);
        }
        double[] passes = new double[INFER_PASSES];
        for (int pass = 0; pass < INFER_PASSES; pass++) {
            start = System.nanoTime();
            for (int s = 0; s < 10_000; s += 1000) {
                System.arraycopy(data.inputs(), s * size, chunk, 0, 1000 * size);
                net.forward(chunk, 1000, false);
            }
            passes[pass] = 10_000 / ((System.nanoTime() - start) / 1e9);
        }
        double[] sortedPasses = passes.clone();
        Arrays.sort(sortedPasses);

        for (int i = 0; i < 2000; i++) {
            System.arraycopy(data.inputs(), (i % 1000) * size, one, 0, size);
            net.forward(one, 1, false);
        }
        double[] micros = new double[latencyCalls];
        for (int i = 0; i < latencyCalls; i++) {
            System.arraycopy(data.inputs(), i % data.size() * size, one, 0, size);
            long t = System.nanoTime();
            net.forward(one, 1, false);
            micros[i] = (System.nanoTime() - t) / 1e3;
        }
        Arrays.sort(micros);
        System.out.println("impl: inkwell-" + Model.LIBRARY_VERSION + " (java " + System.getProperty("java.version") + ")");
        System.out.println("arch: " + arch);
        System.out.println("threads: " + threads);
        System.out.println("batch_size: " + batch);
        System.out.println("simd: " + ctx.kernels().name());
        System.out.printf(Locale.ROOT, "train_images_per_s: %.1f%n", trainRate);
        System.out.printf(Locale.ROOT, "train_warmup_s: %.1f%n", warmupTime);
        System.out.println("infer_passes_images_per_s: " + Arrays.toString(Arrays.stream(passes)
                .map(r -> Math.round(r * 10) / 10.0).toArray()));
        System.out.printf(Locale.ROOT, "infer_images_per_s: %.1f%n", sortedPasses[INFER_PASSES / 2]);
        System.out.printf(Locale.ROOT, "latency_us_p50: %.1f%n", micros[latencyCalls / 2]);
        System.out.printf(Locale.ROOT, "latency_us_p99: %.1f%n", micros[(int) (latencyCalls * 0.99)]);
        System.out.printf(Locale.ROOT, "latency_first_call_us: %.1f%n", firstCallMicros);
        return 0;
    }
}

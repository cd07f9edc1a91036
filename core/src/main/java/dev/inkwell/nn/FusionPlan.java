package dev.inkwell.nn;

import dev.inkwell.kernels.Kernels;
import dev.inkwell.parallel.WorkerPool;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How a {@link Sequential} runs its layers, chosen once at build from what each layer declares it can do
 * (never from what class it is), in three passes:
 * <ol>
 *   <li>a ReLU right before a max pooling is folded into the pooling, which rectifies its quarter-sized
 *   output instead (max commutes with ReLU: the same bits); not for a first layer, whose backward pass must
 *   still return null when no input gradient is wanted;</li>
 *   <li>a layer that can write channels-last hands its output to a next layer that can read it so (a
 *   convolution's SGEMM layout into a 2x2 max pooling), saving two transposes;</li>
 *   <li>runs of two or more {@link ImageWiseLayer}s (folded ReLUs left out) become {@link ImageChain}s: one
 *   parallel pass each way instead of one per layer;</li>
 *   <li>for inference, runs of blocks of a stride-1 convolution, an optional batch norm, an optional ReLU
 *   and a 2x2 max pooling become {@link PooledConvRun}s: one kernel call per block and image.</li>
 * </ol>
 * The first two are applied to the layers before they are built; the chains and runs after. {@link #describe()}
 * lists what was chosen; {@link Sequential#summary()} prints it.
 */
final class FusionPlan {
    private final List<Layer> layers;
    private final List<String> names;
    private final boolean[] foldedIntoNext;
    private final List<String> steps = new ArrayList<>();
    private ImageChain[] chainAt;
    private PooledConvRun[] runAt;

    private FusionPlan(List<Layer> layers, List<String> names) {
        this.layers = layers;
        this.names = names;
        this.foldedIntoNext = new boolean[layers.size()];
    }

    /** Chooses and applies the folds and hand-overs; call before the layers are built. */
    static FusionPlan decide(List<Layer> layers, List<String> names) {
        FusionPlan plan = new FusionPlan(layers, names);
        plan.foldRelus();
        plan.handOverChannelsLast();
        return plan;
    }

    private void foldRelus() {
        for (int i = 1; i + 1 < layers.size(); i++) {
            if (layers.get(i).foldsIntoFollowingMaxPool() && layers.get(i + 1).canAbsorbPrecedingRelu()) {
                layers.get(i + 1).absorbPrecedingRelu();
                foldedIntoNext[i] = true;
                steps.add(names.get(i) + " folded into " + names.get(i + 1));
            }
        }
    }

    private void handOverChannelsLast() {
        int previous = -1;
        for (int i = 0; i < layers.size(); i++) {
            if (foldedIntoNext[i]) {
                continue;
            }
            if (previous >= 0 && layers.get(previous).canWriteChannelsLast() && layers.get(i).canReadChannelsLast()) {
                layers.get(previous).writeChannelsLast();
                layers.get(i).readChannelsLast();
                steps.add(names.get(previous) + " hands over to " + names.get(i) + " channels-last");
            }
            previous = i;
        }
    }

    /** Groups the runs of image-wise layers into chains; call once the layers are built. */
    void chain(WorkerPool pool) {
        chainAt = new ImageChain[layers.size()];
        for (int i = 0; i < layers.size(); ) {
            List<ImageWiseLayer> run = new ArrayList<>();
            List<String> runNames = new ArrayList<>();
            int end = i;
            while (end < layers.size() && layers.get(end) instanceof ImageWiseLayer layer) {
                if (!foldedIntoNext[end]) { // a folded ReLU is image-wise too, but runs inside its pooling
                    run.add(layer);
                    runNames.add(names.get(end));
                }
                end++;
            }
            if (run.size() >= 2) {
                ImageChain chain = new ImageChain(i, end, run.toArray(new ImageWiseLayer[0]), pool);
                Arrays.fill(chainAt, i, end, chain);
                steps.add("chained: " + String.join(" ", runNames));
                i = end;
            } else {
                i = Math.max(end, i + 1);
            }
        }
    }

    /** Groups the runs of convolution-pooling blocks for inference; call once the layers are built. */
    void planInference(Kernels kernels, WorkerPool pool) {
        runAt = new PooledConvRun[layers.size()];
        for (int i = 0; i < layers.size(); ) {
            List<PooledConvRun.Block> blocks = new ArrayList<>();
            int end = i;
            for (PooledConvRun.Block b; (b = blockAt(end)) != null; end += b.layers()) {
                blocks.add(b);
            }
            if (blocks.isEmpty()) {
                i++;
                continue;
            }
            runAt[i] = new PooledConvRun(i, end, blocks, kernels, pool);
            steps.add("inference: " + String.join(" ", names.subList(i, end)) + " in one pass per image");
            i = end;
        }
    }

    /** The block of a convolution, maybe a batch norm, maybe a ReLU and a 2x2 max pooling at layer i, or null. */
    private PooledConvRun.Block blockAt(int i) {
        Conv2d conv = i < layers.size() ? layers.get(i).asPooledConvStart() : null;
        if (conv == null) {
            return null;
        }
        int at = i + 1;
        BatchNorm2d norm = at < layers.size() ? layers.get(at).asPooledConvNorm() : null;
        at += norm != null ? 1 : 0;
        boolean relu = at < layers.size() && layers.get(at).foldsIntoFollowingMaxPool();
        at += relu ? 1 : 0;
        MaxPool2d pool = at < layers.size() ? layers.get(at).asPooledConvEnd() : null;
        return pool == null ? null : new PooledConvRun.Block(conv, norm, relu, pool, at + 1 - i);
    }

    /** Whether an inference run starts inside the chain (after its first layer): the chain then gives way to it. */
    boolean runInside(ImageChain chain) {
        for (int i = chain.first + 1; i < chain.end; i++) {
            if (runAt[i] != null) {
                return true;
            }
        }
        return false;
    }

    /** The inference run that starts at layer {@code i}, or null. */
    PooledConvRun runAt(int i) {
        return runAt[i];
    }

    /** Whether layer {@code i} runs inside the layer after it. */
    boolean foldedIntoNext(int i) {
        return foldedIntoNext[i];
    }

    /** The chain layer {@code i} belongs to, or null. */
    ImageChain chainAt(int i) {
        return chainAt[i];
    }

    /** One line per fold, hand-over and chain, in that order; empty when nothing is fused. */
    List<String> describe() {
        return List.copyOf(steps);
    }
}

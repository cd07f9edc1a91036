package dev.inkwell.examples.cli;

import dev.inkwell.examples.report.Report;
import dev.inkwell.mnist.Dataset;
import dev.inkwell.mnist.DatasetLocator;
import dev.inkwell.mnist.Split;
import dev.inkwell.model.Checkpoint;
import dev.inkwell.model.Model;
import dev.inkwell.models.ReferenceNets;
import dev.inkwell.nn.ComputeContext;
import dev.inkwell.nn.ViewAverage;
import dev.inkwell.nn.ImageLevels;
import dev.inkwell.nn.Recentre;
import dev.inkwell.nn.Layer;
import dev.inkwell.nn.Sequential;
import dev.inkwell.optim.Optimizer;
import dev.inkwell.train.Augmenter;
import dev.inkwell.train.Degradations;
import dev.inkwell.train.EpochStats;
import dev.inkwell.train.Evaluation;
import dev.inkwell.train.Samples;
import dev.inkwell.train.Trainer;
import dev.inkwell.train.TrainingHistory;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code inkwell train}: trains a network on MNIST, Fashion-MNIST or a class-per-folder image dataset,
 * validating on a held-out part of the training set after every epoch, then testing once on the test set; checkpoints every epoch and
 * writes the final model atomically.
 */
public final class TrainCommand {
    static final String USAGE = """
            Usage: inkwell train [options]
            Trains a network and saves it as a model file.
              --arch NAME          fast (default), nets, netl, lenet5 or best (its convolutions padded to keep
                                   the frame's edges when augmenting as for clothing)
              --epochs N           default: 2 (nets and lenet5 5, netl 3, best 15; 20 on clothing)
              --batch-size N       default: 128 (nets, netl and lenet5 64)
              --optimizer NAME     adam (default for fast and best) or sgd (the others)
              --lr X               learning rate (default: fast one-cycle peak 0.01, best one-cycle peak 0.004,
                                   the others 0.01 constant)
              --momentum X         SGD momentum, or Adam's beta1 (default 0.9; fast 0.7)
              --nesterov           Nesterov momentum (with --optimizer sgd)
              --weight-decay X     L2 weight decay (default 0)
              --augment            random small rotations, scalings and shifts of training images
              --degrade            with --augment, also degrade half the training images: blur, noise, stray
                                   lines, lower contrast on lighter or uneven paper, thicker, thinner or hollow
                                   strokes, turns of up to 45 degrees, a wobbling hand, a band of tape or glare,
                                   grain
              --flip               with --augment, augment as for clothing: shifts, and every other image mirrored
                                   left to right, no rotation or scaling (the default for Fashion-MNIST)
              --views NAME         what the model averages its answers over at test time: none, shifts (the
                                   image and its one-pixel shifts; best's default) or mirror (the image and
                                   its mirror; the default with --flip). Inference costs one pass per view
              --levels             put an ImageLevels layer in front: each image's background and brightest
                                   ink set to MNIST's (grey pages, fog, faint strokes); digit datasets only
              --centre             put a Recentre layer in front: each image moved so that its ink's centre of
                                   mass is the centre pixel, as MNIST's are (digits written off centre); digit
                                   datasets only; answers are then not averaged over shifts
              --european-ones      draw a flag, and now and then a foot, on 30% of MNIST's training 1s (fixed per
                                   image), so that 1s written the European way are read as 1s; MNIST only
              --validation N       training images held out for validation (default 5000)
              --train-size N       train on only the first N of the remaining images (quick trials)
              --seed N             seed of everything random (default 1)
              --threads N          worker threads (default: all processors)
              --out FILE           model file to write (default ARCH-DATASET.inkwell)
              --report DIR         write curves, confusion matrix and more as PNGs plus report.md
              --resume FILE        continue from a checkpoint (FILE.ckpt is written every epoch)
              --image-size N       with --dataset DIR: the side images are scaled to (default 28)
            """ + DataOptions.OPTIONS_HELP;

    private TrainCommand() {
    }

    public static void main(String[] args) {
        System.exit(CommandLine.run(TrainCommand::run, USAGE, args));
    }

    static int run(String[] args) throws UsageException, IOException {
        Options o = new Options(args, Set.of("arch", "epochs", "batch-size", "optimizer", "lr", "momentum",
                "weight-decay",
                "validation", "train-size", "seed", "threads", "out", "report", "resume", "dataset", "data", "mirror",
                "image-size", "views"),
                Set.of("augment", "degrade", "levels", "centre", "european-ones", "no-verify", "nesterov", "flip"));
        if (o.help()) {
            System.out.print(USAGE);
            return 0;
        }
        if (!o.positional().isEmpty()) {
            throw new UsageException("unexpected argument '" + o.positional().get(0) + "'");
        }
        String arch = o.string("arch", "fast").toLowerCase(Locale.ROOT);
        if (!ReferenceNets.NAMES.contains(arch)) {
            throw new UsageException("--arch must be one of " + ReferenceNets.NAMES + ", got '" + arch + "'");
        }
        Path folder = DataOptions.imageFolder(o);
        Dataset dataset = folder == null ? DataOptions.dataset(o) : null;
        // clothing is left-right symmetric: mirrored in augmentation, on request or for Fashion-MNIST
        boolean clothing = o.has("flip") || dataset == Dataset.FASHION_MNIST;
        Recipe defaults = Recipe.forArchitecture(arch, clothing);
        String optimizerName = o.string("optimizer", defaults.optimizer()).toLowerCase(Locale.ROOT);
        if (!optimizerName.equals(Recipe.SGD) && !optimizerName.equals(Recipe.ADAM)) {
            throw new UsageException("--optimizer must be sgd or adam, got '" + optimizerName + "'");
        }
        if (o.has("nesterov") && !optimizerName.equals(Recipe.SGD)) {
            throw new UsageException("--nesterov goes with --optimizer sgd");
        }
        Recipe recipe = new Recipe(o.integer("epochs", defaults.epochs(), 1, 10_000),
                o.integer("batch-size", defaults.batchSize(), 1, 65_536), optimizerName,
                o.number("lr", defaults.lr(), 0, 1e6),
                o.number("momentum", defaults.momentum(), 0, 1),
                o.number("weight-decay", defaults.weightDecay(), 0, 1), defaults.nesterov() || o.has("nesterov"), defaults.oneCycle(),
                defaults.augment() || o.has("augment"), defaults.views());
        boolean flips = recipe.augment() && clothing;
        int imageSize = o.integer("image-size", 28, 4, 1024);
        if (folder == null && o.has("image-size")) {
            throw new UsageException("--image-size is for --dataset DIR; MNIST images are 28x28");
        }
        if (folder != null && (o.has("report") || recipe.augment() || o.has("levels") || o.has("centre"))) {
            throw new UsageException("--report, --augment, --levels and --centre are not available for image folders"
                    + " yet");
        }
        int validation = o.integer("validation", folder == null ? 5000 : 0, 0, 59_000);
        int trainSize = o.integer("train-size", Integer.MAX_VALUE, 1, Integer.MAX_VALUE);
        long seed = o.longValue("seed", 1);
        int threads = CommandLine.threads(o);
        String datasetName = folder == null ? dataset.id() : folder.toAbsolutePath().getFileName().toString();
        Path out = o.path("out") != null ? o.path("out") : Path.of(arch + "-" + datasetName + ".inkwell");
        Path checkpointFile = Path.of(out + ".ckpt");
        Path reportDir = o.path("report");
        CommandLine.checkWritable(out);
        if (reportDir != null) {
            CommandLine.checkWritableDirectory(reportDir);
        }

        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("arch", arch);
        settings.put("dataset", folder == null ? dataset.id() : folder.toString());
        if (folder != null) {
            settings.put("image_size", Integer.toString(imageSize));
        }
        settings.put("epochs", Integer.toString(recipe.epochs()));
        settings.put("batch_size", Integer.toString(recipe.batchSize()));
        settings.put("optimizer", recipe.optimizer());
        settings.put("lr", Double.toString(recipe.lr()));
        settings.put("momentum", Double.toString(recipe.momentum()));
        settings.put("weight_decay", Double.toString(recipe.weightDecay()));
        settings.put("nesterov", Boolean.toString(recipe.nesterov()));
        settings.put("schedule", recipe.oneCycle() ? "one-cycle" : "constant");
        settings.put("augment", Boolean.toString(recipe.augment()));
        if (o.has("levels")) {
            settings.put("levels", "true");
        }
        if (o.has("centre")) {
            settings.put("centre", "true");
        }
        if (o.has("degrade")) {
            if (!recipe.augment()) {
                throw new UsageException("--degrade goes with --augment");
            }
            settings.put("degrade", "true");
        }
        if (o.has("european-ones")) {
            if (dataset != Dataset.MNIST) {
                throw new UsageException("--european-ones is for MNIST's digits");
            }
            settings.put("european_ones", "true");
        }
        if (o.has("flip") && !recipe.augment()) {
            throw new UsageException("--flip goes with --augment");
        }
        if (flips) {
            settings.put("flip", "true");
        }
        String views = views(o, recipe, flips);
        settings.put("views", views);
        settings.put("validation", Integer.toString(validation));
        if (o.has("train-size")) {
            settings.put("train_size", Integer.toString(trainSize));
        }
        settings.put("seed", Long.toString(seed));

        PrintStream log = System.out;
        long loadStart = System.nanoTime();
        TrainingData data;
        if (folder == null) {
            DatasetLocator locator = DataOptions.locator(o);
            data = TrainingData.ofMnist(dataset, locator.load(dataset, Split.TRAIN), locator.load(dataset, Split.TEST),
                    validation, trainSize, seed);
        } else {
            data = TrainingData.ofFolder(folder, imageSize, validation, trainSize, seed);
        }
        Samples train = data.train(), valid = data.valid(), test = data.test();
        float paper = -data.mean()[0] / data.std()[0], fullInk = (1 - data.mean()[0]) / data.std()[0];
        if (o.has("european-ones")) {
            train = new EuropeanOnes(train, paper, fullInk, seed);
        }
        log.printf("Loaded %s: %,d training and %,d test images of %s in %.2f s%n", data.id(),
                train.size() + validation, test.size(), data.inputShape(), (System.nanoTime() - loadStart) / 1e9);

        ComputeContext ctx = ComputeContext.withThreads(threads);
        // evaluation runs in training-sized batches too: buffers for 1000 samples cost seconds of allocation and GC
        int maxBatch = recipe.batchSize();
        Model model;
        int firstEpoch = 0;
        Checkpoint resumed = null;
        if (o.has("resume")) {
            resumed = Checkpoint.load(o.path("resume"), ctx, maxBatch);
            if (!resumed.settings().equals(settings)) {
                throw new UsageException("the checkpoint was made with other settings: " + resumed.settings()
                        + "; this run has " + settings);
            }
            model = resumed.model();
            firstEpoch = resumed.epochsDone();
            log.printf("Resuming from %s after epoch %d%n", o.path("resume"), firstEpoch);
        } else {
            Sequential net;
            try {
                Sequential layers = network(arch, data, flips);
                Sequential planned = withInputLayers(layers, data, o.has("levels"), o.has("centre"));
                net = (views.equals(Recipe.NO_VIEWS) ? planned : new Sequential().add(viewAveraged(planned, views)))
                        .build(data.inputShape(), maxBatch, ctx, seed);
            } catch (IllegalArgumentException e) { // a batch whose buffers do not fit: say so, with the sizes
                throw new UsageException("--batch-size " + maxBatch + ": " + e.getMessage());
            }
            model = new Model(net, arch, data.mean(), data.std(), data.classNames(), Map.of());
        }
        Sequential net = model.network();
        log.print(net.summary());
        Optimizer optimizer = recipe.optimizerFor(net.parameters(), ctx);
        if (resumed != null) {
            resumed.restore(optimizer);
        }
        Augmenter augmenter = !recipe.augment() ? null
                : (flips ? Augmenter.clothingDefaults(paper) : Augmenter.mnistDefaults(paper))
                .withDegradations(o.has("degrade") ? new Degradations(paper, fullInk, 0.5) : null);
        Trainer trainer = new Trainer(net, optimizer, recipe.schedule(
                (train.size() + recipe.batchSize() - 1) / recipe.batchSize()), recipe.batchSize(), seed,
                augmenter, ctx);
        log.printf("Training %s on %,d images (%,d held out for validation), %d epochs, batch %d, %s, %d thread%s, "
                        + "%s kernels%n", arch, train.size(), validation, recipe.epochs(), recipe.batchSize(),
                recipe.withViews(views).describe(), threads, threads == 1 ? "" : "s", ctx.kernels().name());

        Map<String, String> history = new LinkedHashMap<>(resumed == null ? Map.of()
                : TrainingHistory.entries(model.info()));
        Progress progress = Progress.forStdout();
        long trainStart = System.nanoTime();
        for (int epoch = firstEpoch; epoch < recipe.epochs(); epoch++) {
            int shown = epoch + 1;
            String label = "Epoch " + shown;
            progress.start();
            EpochStats stats = trainer.trainEpoch(epoch, train, (e, b, batches, loss) ->
                    progress.update(label, b + 1, batches, loss, recipe.batchSize()));
            progress.clear();
            String line = String.format("Epoch %d/%d: train loss %.4f, accuracy %.2f%%", shown, recipe.epochs(),
                    stats.loss(), 100 * stats.accuracy());
            double vLoss = Double.NaN, vAcc = Double.NaN;
            if (valid != null) {
                Evaluation v = Trainer.evaluate(net, valid);
                vLoss = v.averageLoss();
                vAcc = v.accuracy();
                line += String.format(" | validation loss %.4f, accuracy %,d/%,d (%.2f%%)", vLoss, v.correct(),
                        v.count(), 100 * vAcc);
            }
            log.printf("%s | %.1f s, %,.0f img/s%n", line, stats.seconds(), stats.imagesPerSecond());
            TrainingHistory.record(history, new TrainingHistory.Epoch(shown, stats.loss(), stats.accuracy(), vLoss,
                    vAcc, stats.seconds()));
            try {
                Checkpoint.save(checkpointFile, model.withInfo(history), optimizer, shown, settings);
            } catch (IOException e) { // a full disk costs the checkpoint, not the run
                System.err.println("inkwell: warning: " + e.getMessage() + "; training goes on"
                        + (Files.exists(checkpointFile) ? " (" + checkpointFile + " holds an earlier epoch)" : ""));
            }
        }
        double trainSeconds = (System.nanoTime() - trainStart) / 1e9;

        Evaluation result = Trainer.evaluate(net, test);
        log.printf("Test set: Average loss: %.4f, Accuracy: %,d/%,d (%.2f%%)%n", result.averageLoss(),
                result.correct(), result.count(), 100 * result.accuracy());

        Map<String, String> info = new LinkedHashMap<>();
        info.put("dataset", data.id());
        if (folder != null) {
            info.put("preprocessing", DataOptions.RESIZE);
        }
        info.putAll(settings);
        info.put("test_accuracy", String.format(Locale.ROOT, "%.6f", result.accuracy()));
        info.put("test_correct", result.correct() + "/" + result.count());
        info.put("train_seconds", String.format(Locale.ROOT, "%.1f", trainSeconds));
        info.put("threads", Integer.toString(threads));
        info.put("kernels", ctx.kernels().name());
        info.put("library_version", Model.LIBRARY_VERSION);
        info.put("java", System.getProperty("java.version"));
        info.put("created", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        info.putAll(history);
        Model trained = model.withInfo(info);
        trained.save(out);
        Files.deleteIfExists(checkpointFile);
        log.printf("Saved %s%n", out);
        if (reportDir != null) {
            Report.write(reportDir, trained, data.mnist(), result);
            log.printf("Report written to %s%n", reportDir.resolve("report.md"));
        }
        return 0;
    }

    /**
     * The architecture's layers for this data; {@code best} keeps the frame's edges (padded convolutions) when
     * it learns clothing, whose garments reach them.
     */
    private static Sequential network(String arch, TrainingData data, boolean clothing) {
        int channels = data.inputShape().dim(0), classes = data.classNames().size();
        return arch.equals("best") && clothing ? ReferenceNets.bestFullFrame(channels, classes)
                : ReferenceNets.byName(arch, channels, classes);
    }

    /** The layers inside a {@link ViewAverage}: at test time, answers averaged over views of each image. */
    private static ViewAverage viewAveraged(Sequential layers, String views) {
        return withLayersOf(new ViewAverage(ViewAverage.Views.valueOf(views.toUpperCase(Locale.ROOT))), layers);
    }

    /** {@code block} with the layers of {@code layers} added after its own. */
    private static <T extends Sequential> T withLayersOf(T block, Sequential layers) {
        for (Layer layer : layers.layers()) {
            block.add(layer);
        }
        return block;
    }

    /**
     * The network with, in front, an {@link ImageLevels} layer that moves each image's background and brightest
     * ink to where the dataset's normalisation puts blank paper and full ink, and a {@link Recentre} layer that
     * moves its ink to the centre, as asked.
     */
    private static Sequential withInputLayers(Sequential layers, TrainingData data, boolean levels, boolean centre) {
        float mean = data.mean()[0], std = data.std()[0];
        Sequential front = new Sequential();
        if (levels) {
            front.add(new ImageLevels((0 - mean) / std, (1 - mean) / std));
        }
        if (centre) {
            front.add(new Recentre((0 - mean) / std));
        }
        return withLayersOf(front, layers);
    }

    /**
     * What the model averages over at test time: {@code --views}, else the mirror when the training
     * mirrors, else none when the network centres its input, else the recipe's.
     */
    private static String views(Options o, Recipe recipe, boolean flips) throws UsageException {
        String views = o.string("views", flips ? "mirror"
                : o.has("centre") ? Recipe.NO_VIEWS : recipe.views());
        if (!List.of(Recipe.NO_VIEWS, "shifts", "mirror").contains(views)) {
            throw new UsageException("--views must be none, shifts or mirror, got '" + views + "'");
        }
        if (views.equals("shifts") && o.has("centre")) {
            throw new UsageException("--views shifts and --centre do not go together: the centring moves each"
                    + " shifted view back");
        }
        return views;
    }
}

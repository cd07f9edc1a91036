package dev.inkwell.examples.cli;

import dev.inkwell.examples.report.Metrics;
import dev.inkwell.examples.report.Report;
import dev.inkwell.mnist.Dataset;
import dev.inkwell.mnist.MnistDataset;
import dev.inkwell.mnist.Split;
import dev.inkwell.model.Model;
import dev.inkwell.nn.ComputeContext;
import dev.inkwell.train.Evaluation;
import dev.inkwell.train.Trainer;

import dev.inkwell.mnist.folder.ImageFolder;
import dev.inkwell.tensor.Shape;
import dev.inkwell.train.Samples;

import java.io.IOException;
import java.util.List;
import java.nio.file.Path;
import java.util.Set;

/** {@code inkwell eval}: accuracy with a 95% Wilson interval, per-class precision/recall/F1, confusion matrix. */
public final class EvalCommand {
    static final String USAGE = """
            Usage: inkwell eval [options]
            Evaluates a model on the test set of its dataset.
              --model FILE         model file (default: the pretrained model in this jar)
              --json               print one JSON object instead of tables
              --report DIR         write the confusion matrix, misclassified digits and more as PNGs plus report.md
              --threads N          worker threads (default: all processors)
            """ + DataOptions.OPTIONS_HELP;

    private EvalCommand() {
    }

    public static void main(String[] args) {
        System.exit(CommandLine.run(EvalCommand::run, USAGE, args));
    }

    static int run(String[] args) throws UsageException, IOException {
        Options o = new Options(args, Set.of("model", "report", "threads", "dataset", "data", "mirror"),
                Set.of("json", "no-verify"));
        if (o.help()) {
            System.out.print(USAGE);
            return 0;
        }
        if (!o.positional().isEmpty()) {
            throw new UsageException("unexpected argument '" + o.positional().get(0) + "'");
        }
        int threads = CommandLine.threads(o);
        Path folder = DataOptions.imageFolder(o);
        Dataset requested = o.has("dataset") && folder == null ? DataOptions.dataset(o) : null;
        if (folder != null && o.has("report")) {
            throw new UsageException("--report is not available for image folders yet");
        }
        Path reportDir = o.path("report");
        if (reportDir != null) {
            CommandLine.checkWritableDirectory(reportDir);
        }
        ComputeContext ctx = ComputeContext.withThreads(threads);
        Model model = DefaultModel.load(o.path("model"), ctx, 1000);
        String name = DefaultModel.name(o.path("model"));
        Evaluation e;
        String datasetId;
        MnistDataset test = null;
        if (folder != null) {
            Samples images = folderTestSplit(folder, model);
            e = Trainer.evaluate(model.network(), images);
            datasetId = folder.toString();
        } else {
            Dataset dataset = requested != null ? requested
                    : Dataset.byId(model.info().getOrDefault("dataset", "mnist"));
            DefaultModel.requireDigitInput(model, o.path("model"), "eval --dataset " + dataset.id());
            test = DataOptions.locator(o).load(dataset, Split.TEST);
            e = Trainer.evaluate(model.network(), test.samples());
            datasetId = dataset.id();
        }
        if (o.has("json")) {
            System.out.println(Metrics.json(e, model.classNames(), name, datasetId));
        } else {
            System.out.printf("Model: %s (%s, trained on %s)%n", name, model.architecture(),
                    model.info().getOrDefault("dataset", "?"));
            System.out.printf("Test set (%s): Average loss: %.4f, %s%n%n", datasetId, e.averageLoss(),
                    Metrics.accuracyLine(e));
            System.out.print(Metrics.tables(e, model.classNames()));
        }
        if (reportDir != null) {
            Report.write(reportDir, model, test, e);
            System.err.println("Report written to " + reportDir.resolve("report.md"));
        }
        return 0;
    }

    /** A folder's test split as the model sees it: its classes, image size, channels and normalisation. */
    private static Samples folderTestSplit(Path folder, Model model) throws IOException, UsageException {
        Shape in = model.inputShape();
        if (in.rank() != 3 || in.dim(1) != in.dim(2) || (in.dim(0) != 1 && in.dim(0) != 3)) {
            throw new UsageException("the model takes " + in + "; an image folder gives [1 or 3, N, N] images");
        }
        List<String> classes = model.classNames();
        ImageFolder test = ImageFolder.load(folder, Split.TEST, classes, in.dim(1), in.dim(0));
        int[] all = new int[test.size()];
        java.util.Arrays.setAll(all, i -> i);
        return test.samples(all, model.normalization()); // normalised as read, like the MNIST split
    }
}

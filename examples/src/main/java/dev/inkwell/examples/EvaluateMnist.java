package dev.inkwell.examples;

import dev.inkwell.mnist.Dataset;
import dev.inkwell.mnist.MnistDataset;
import dev.inkwell.mnist.Split;
import dev.inkwell.model.Model;
import dev.inkwell.nn.ComputeContext;
import dev.inkwell.train.Evaluation;
import dev.inkwell.train.Trainer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/** {@code inkwell eval}: accuracy with a 95% Wilson interval, per-class precision/recall/F1, confusion matrix. */
public final class EvaluateMnist {
    static final String USAGE = """
            Usage: inkwell eval [options]
            Evaluates a model on the test set of its dataset.
              --model FILE         model file (default: the pretrained model in this jar)
              --json               print one JSON object instead of tables
              --report DIR         write the confusion matrix, misclassified digits and more as PNGs plus report.md
              --threads N          worker threads (default: all processors)
            """ + MnistData.OPTIONS_HELP;

    private EvaluateMnist() {
    }

    public static void main(String[] args) {
        System.exit(Inkwell.runCommand(EvaluateMnist::run, USAGE, args));
    }

    static int run(String[] args) throws UsageException, IOException {
        Options o = new Options(args, Set.of("model", "report", "threads", "dataset", "data", "mirror"),
                Set.of("json"));
        if (o.help()) {
            System.out.print(USAGE);
            return 0;
        }
        if (!o.positional().isEmpty()) {
            throw new UsageException("unexpected argument '" + o.positional().get(0) + "'");
        }
        int threads = o.integer("threads", Runtime.getRuntime().availableProcessors(), 1, 1024);
        Dataset requested = o.has("dataset") ? MnistData.dataset(o) : null;
        Path reportDir = o.path("report");
        if (reportDir != null) {
            Inkwell.checkWritableDirectory(reportDir);
        }
        ComputeContext ctx = ComputeContext.withThreads(threads);
        Model model = DefaultModel.load(o.path("model"), ctx, 1000);
        Dataset dataset = requested != null ? requested : Dataset.byId(model.info().getOrDefault("dataset", "mnist"));
        MnistDataset test = MnistData.locator(o).load(dataset, Split.TEST);
        Evaluation e = Trainer.evaluate(model.network(), MnistData.labeled(test));
        String name = DefaultModel.name(o.path("model"));
        if (o.has("json")) {
            System.out.println(Metrics.json(e, model.classNames(), name, dataset.id()));
        } else {
            System.out.printf("Model: %s (%s, trained on %s)%n", name, model.architecture(),
                    model.info().getOrDefault("dataset", "?"));
            System.out.printf("Test set (%s): Average loss: %.4f, %s%n%n", dataset.id(), e.averageLoss(),
                    Metrics.accuracyLine(e));
            System.out.print(Metrics.tables(e, model.classNames()));
        }
        if (reportDir != null) {
            Report.write(reportDir, model, test, e);
            System.err.println("Report written to " + reportDir.resolve("report.md"));
        }
        return 0;
    }
}

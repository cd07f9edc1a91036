package dev.inkwell.examples.cli;

import dev.inkwell.model.Model;
import dev.inkwell.nn.ComputeContext;
import dev.inkwell.train.TrainingHistory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/** {@code inkwell info}: a model file's architecture, how it was trained, and its stored test accuracy. */
public final class InfoCommand {
    static final String USAGE = """
            Usage: inkwell info [MODEL_FILE]
            Shows a model's architecture and how it was made (default: the pretrained model in this jar).
            """;

    private InfoCommand() {
    }

    public static void main(String[] args) {
        System.exit(CommandLine.run(InfoCommand::run, USAGE, args));
    }

    static int run(String[] args) throws UsageException, IOException {
        Options o = new Options(args, Set.of(), Set.of());
        if (o.help()) {
            System.out.print(USAGE);
            return 0;
        }
        if (o.positional().size() > 1) {
            throw new UsageException("give one model file");
        }
        Path file = o.positional().isEmpty() ? null : Path.of(o.positional().get(0));
        Model model = DefaultModel.load(file, ComputeContext.withThreads(1), 1);
        System.out.printf("Model: %s%nArchitecture: %s, input %s, %d classes (%s)%n", DefaultModel.name(file),
                model.architecture(), model.inputShape(), model.classNames().size(), String.join(", ", model.classNames()));
        System.out.printf("Normalisation: (pixel/255 - %s) / %s%n%n", java.util.Arrays.toString(model.mean()),
                java.util.Arrays.toString(model.std()));
        System.out.print(model.network().summary());
        System.out.println();
        Map<String, String> info = model.info();
        String accuracy = info.get("test_accuracy");
        if (accuracy != null) {
            System.out.printf("Test accuracy: %.2f%% (%s)%n", 100 * Double.parseDouble(accuracy),
                    info.getOrDefault("test_correct", "?"));
        }
        System.out.println("Training:");
        info.forEach((k, v) -> {
            if (!k.startsWith(TrainingHistory.PREFIX)) {
                System.out.printf("  %-16s %s%n", k, v);
            }
        });
        var epochs = TrainingHistory.read(model.info());
        if (!epochs.isEmpty()) {
            System.out.printf("%nEpoch  train loss  train acc  valid loss  valid acc  seconds%n");
            for (TrainingHistory.Epoch e : epochs) {
                System.out.printf("%5d  %10.4f  %8.2f%%  %10.4f  %8.2f%%  %7.1f%n", e.epoch(), e.trainLoss(),
                        100 * e.trainAccuracy(), e.validLoss(), 100 * e.validAccuracy(), e.seconds());
            }
        }
        return 0;
    }
}

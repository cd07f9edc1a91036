package dev.inkwell.examples.cli;

import dev.inkwell.mnist.Dataset;
import dev.inkwell.mnist.GreyImages;
import dev.inkwell.mnist.MnistDataset;
import dev.inkwell.mnist.Split;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/** {@code inkwell samples}: writes test-set images as 28x28 PNGs, the first of each class in turn. */
public final class SamplesCommand {
    static final String USAGE = """
            Usage: inkwell samples --out DIR [options]
            Writes test-set images as 28x28 PNG files named CLASS-INDEX.png (INDEX in the test set).
              --out DIR            folder to write to (required)
              --count N            how many (default 10: the first image of each class)
            """ + DataOptions.OPTIONS_HELP;

    private SamplesCommand() {
    }

    public static void main(String[] args) {
        System.exit(CommandLine.run(SamplesCommand::run, USAGE, args));
    }

    static int run(String[] args) throws UsageException, IOException {
        Options o = new Options(args, Set.of("out", "count", "dataset", "data", "mirror"), Set.of("no-verify"));
        if (o.help()) {
            System.out.print(USAGE);
            return 0;
        }
        if (!o.has("out")) {
            throw new UsageException("--out DIR is required");
        }
        if (!o.positional().isEmpty()) {
            throw new UsageException("unexpected argument '" + o.positional().get(0) + "'");
        }
        Dataset dataset = DataOptions.dataset(o);
        int count = o.integer("count", dataset.classNames().size(), 1, 10_000);
        Path dir = o.path("out");
        CommandLine.checkWritableDirectory(dir);
        MnistDataset test = DataOptions.locator(o).load(dataset, Split.TEST);
        int classes = dataset.classNames().size();
        int[] next = new int[classes]; // next test index to consider, per class
        int written = 0;
        boolean progress = true;
        while (written < count && progress) {
            progress = false;
            for (int k = 0; k < classes && written < count; k++) {
                int i = next[k];
                while (i < test.size() && test.label(i) != k) {
                    i++;
                }
                next[k] = i + 1;
                if (i < test.size()) {
                    GreyImages.writePng(dir.resolve(String.format("%d-%05d.png", k, i)), test.image(i), Dataset.SIDE,
                            Dataset.SIDE);
                    written++;
                    progress = true;
                }
            }
        }
        System.out.printf("Wrote %d images to %s%n", written, dir);
        return 0;
    }
}

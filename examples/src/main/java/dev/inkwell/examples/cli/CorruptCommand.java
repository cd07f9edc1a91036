package dev.inkwell.examples.cli;

import dev.inkwell.mnist.Dataset;
import dev.inkwell.mnist.IdxArray;
import dev.inkwell.mnist.IdxWriter;
import dev.inkwell.mnist.MnistDataset;
import dev.inkwell.mnist.Split;
import dev.inkwell.mnist.corrupt.Corruption;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code inkwell corrupt}: the test split with each MNIST-C corruption applied, as IDX files that
 * {@code inkwell eval --data DIR/NAME --no-verify} reads: a robustness benchmark made on this machine.
 */
public final class CorruptCommand {
    static final String USAGE = """
            Usage: inkwell corrupt --out DIR [options]
            Writes the test split with each corruption of MNIST-C applied (Mu and Gilmer, 2019) to
            DIR/NAME/t10k-images-idx3-ubyte.gz and DIR/NAME/t10k-labels-idx1-ubyte.gz; evaluate with
            inkwell eval --data DIR/NAME --no-verify (the files differ from the dataset's on purpose).
              --out DIR            folder to write to (required)
              --corruption NAMES   comma-separated (default: all fifteen): shot_noise, impulse_noise,
                                   glass_blur, motion_blur, shear, scale, rotate, brightness, translate,
                                   stripe, fog, spatter, dotted_line, zigzag, canny_edges
              --seed N             seed of the random choices (default 1)
            """ + DataOptions.OPTIONS_HELP;

    private CorruptCommand() {
    }

    public static void main(String[] args) {
        System.exit(CommandLine.run(CorruptCommand::run, USAGE, args));
    }

    static int run(String[] args) throws UsageException, IOException {
        Options o = new Options(args, Set.of("out", "corruption", "seed", "dataset", "data", "mirror"),
                Set.of("no-verify"));
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
        List<Corruption> corruptions = new ArrayList<>();
        for (String name : o.string("corruption", "").split(",")) {
            if (!name.isBlank()) {
                try {
                    corruptions.add(Corruption.byId(name.trim()));
                } catch (IllegalArgumentException e) {
                    throw new UsageException(e.getMessage());
                }
            }
        }
        if (corruptions.isEmpty()) {
            corruptions.addAll(List.of(Corruption.values()));
        }
        long seed = o.integer("seed", 1, 0, Integer.MAX_VALUE);
        Path out = o.path("out");
        CommandLine.checkWritableDirectory(out);
        Dataset dataset = DataOptions.dataset(o);
        MnistDataset test = DataOptions.locator(o).load(dataset, Split.TEST);
        byte[] labels = new byte[test.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (byte) test.label(i);
        }
        int pixels = Dataset.SIDE * Dataset.SIDE;
        for (Corruption c : corruptions) {
            byte[] images = new byte[test.size() * pixels];
            for (int i = 0; i < test.size(); i++) {
                // one stream per image, from the seed, the corruption and the index: any subset is the same
                long imageSeed = seed * 1_000_003L + c.ordinal() * 100_003L + i;
                System.arraycopy(c.apply(test.image(i), imageSeed), 0, images, i * pixels, pixels);
            }
            Path dir = out.resolve(c.id());
            Files.createDirectories(dir);
            IdxWriter.write(dir.resolve("t10k-images-idx3-ubyte.gz"),
                    IdxArray.ofUnsignedBytes(images, test.size(), Dataset.SIDE, Dataset.SIDE), true);
            IdxWriter.write(dir.resolve("t10k-labels-idx1-ubyte.gz"), IdxArray.ofUnsignedBytes(labels, test.size()), true);
            System.out.println(dir);
        }
        return 0;
    }
}

package dev.inkwell.examples.cli;

import dev.inkwell.examples.json.Json;
import dev.inkwell.examples.json.Readings;
import dev.inkwell.mnist.Checksums;
import dev.inkwell.mnist.Dataset;
import dev.inkwell.mnist.GreyImages;
import dev.inkwell.mnist.IdxArray;
import dev.inkwell.mnist.IdxReader;
import dev.inkwell.mnist.IdxType;
import dev.inkwell.mnist.image.DigitPreprocessor;
import dev.inkwell.model.Prediction;
import dev.inkwell.model.Predictor;
import dev.inkwell.nn.ComputeContext;

import dev.inkwell.mnist.folder.ImageFolder;
import dev.inkwell.mnist.image.ImageDecoder;
import dev.inkwell.model.Model;
import dev.inkwell.tensor.Shape;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;

/**
 * {@code inkwell predict}: one line per input, {@code FILE<TAB>DIGIT<TAB>CONFIDENCE}, or JSON. An
 * input is an image of a digit (PNG, JPEG, GIF, BMP; any size, either polarity), brought into
 * MNIST's form by {@link DigitPreprocessor} unless {@code --raw}, or an IDX file of [N, 28, 28]
 * MNIST-style images ({@code FILE} for all of them, {@code FILE#I} for image I). A file that cannot
 * be read gets {@code FILE: error: REASON} on stderr and the others are still predicted; exit status
 * 1 then.
 */
public final class PredictCommand {
    static final String USAGE = """
            Usage: inkwell predict [options] IMAGE...
            Reads the digit in each image: prints FILE, DIGIT and CONFIDENCE separated by tabs.
            IMAGE is a picture of one digit (PNG, JPEG, GIF or BMP; any size; dark ink on light
            paper or light on dark), or an IDX file of 28x28 images (FILE for every image, FILE#I for
            image I).
              --model FILE         model file (default: the pretrained model in this jar)
              --json               one JSON object per line: file, digit (class index), label, confidence, top3
              --raw                do not preprocess: each image already is MNIST-style (28x28, white on black)
              --debug-dir DIR      write the 28x28 image the network saw for each input as DIR/NAME.seen.png
              --verbose            print the stack trace of a file that fails
            """;
    private static final int SIDE = Dataset.SIDE;

    /** One input image: its name in the output and its pixels. */
    private record Input(String name, byte[] pixels) {
    }

    private PredictCommand() {
    }

    public static void main(String[] args) {
        System.exit(CommandLine.run(PredictCommand::run, USAGE, args));
    }

    static int run(String[] args) throws UsageException, IOException {
        Options o = new Options(args, Set.of("model", "debug-dir", "threads"), Set.of("json", "raw", "verbose"));
        if (o.help()) {
            System.out.print(USAGE);
            return 0;
        }
        if (o.positional().isEmpty()) {
            throw new UsageException("give at least one image");
        }
        Path debugDir = o.path("debug-dir");
        if (debugDir != null) {
            CommandLine.checkWritableDirectory(debugDir);
        }
        Model model = DefaultModel.load(o.path("model"), ComputeContext.withThreads(1), 1);
        Predictor predictor = Predictor.of(model);
        List<String> classNames = predictor.classNames();
        // a model trained on an image folder reads whole pictures scaled to its input, not digits
        boolean resize = DataOptions.RESIZE.equals(model.info().get("preprocessing"));
        if (!resize) {
            DefaultModel.requireDigitInput(model, o.path("model"), "predict");
        }
        if (resize && (debugDir != null || o.has("raw"))) {
            throw new UsageException("--debug-dir and --raw are for digit models; this model reads whole pictures");
        }
        DigitPreprocessor preprocessor = new DigitPreprocessor();
        boolean failed = false;
        for (String arg : o.positional()) {
            List<Input> inputs;
            try {
                inputs = resize ? List.of(new Input(arg, resized(Path.of(arg), model.inputShape())))
                        : read(arg, preprocessor, o.has("raw"));
            } catch (IOException | RuntimeException e) {
                // a RuntimeException here is a bug, but it must not cost the user the other files' answers
                System.err.println(arg + ": error: " + CommandLine.reason(arg, e));
                if (o.has("verbose")) {
                    e.printStackTrace();
                }
                failed = true;
                continue;
            }
            for (Input in : inputs) {
                Prediction p = predictor.predict(in.pixels());
                if (o.has("json")) {
                    Map<String, Object> json = new LinkedHashMap<>();
                    json.put("file", in.name());
                    json.putAll(Readings.prediction(p));
                    System.out.println(Json.text(json));
                } else {
                    System.out.printf(Locale.ROOT, "%s\t%s\t%.4f%n", in.name(), p.label(), p.confidence());
                }
                if (debugDir != null) {
                    String base = Path.of(in.name().replace('#', '-')).getFileName().toString();
                    GreyImages.writePng(debugDir.resolve(base + ".seen.png"), in.pixels(), SIDE, SIDE);
                }
            }
        }
        return failed ? 1 : 0;
    }

    /** The images named by one argument. */
    private static List<Input> read(String arg, DigitPreprocessor preprocessor, boolean raw) throws IOException {
        int hash = arg.lastIndexOf('#');
        Path file = Path.of(hash > 0 && !Files.exists(Path.of(arg)) ? arg.substring(0, hash) : arg);
        if (!Files.exists(file)) {
            throw new java.nio.file.NoSuchFileException(file.toString());
        }
        if (!Files.isDirectory(file) && !Files.isRegularFile(file)) {
            // opening a FIFO waits for a writer, and a device never ends: refuse before reading a byte
            throw new IOException(file + ": is not a regular file (a pipe or a device?)");
        }
        if (isIdx(file)) {
            IdxArray a = IdxReader.read(file);
            if (a.type() != IdxType.UNSIGNED_BYTE || a.rank() != 3 || a.dim(1) != SIDE || a.dim(2) != SIDE) {
                throw new IOException(file + ": holds " + a.type() + " " + Arrays.toString(a.dims())
                        + ", not unsigned-byte images [N, 28, 28]");
            }
            byte[] all = a.toUnsignedBytes();
            List<Input> out = new ArrayList<>();
            int from = 0, to = a.dim(0);
            if (!file.toString().equals(arg)) {
                String index = arg.substring(hash + 1);
                try {
                    from = Integer.parseInt(index);
                } catch (NumberFormatException e) {
                    throw new IOException(file + ": '#" + index + "' is not an image index");
                }
                if (from < 0 || from >= a.dim(0)) {
                    throw new IOException(file + ": image " + from + " does not exist (it has " + a.dim(0) + ")");
                }
                to = from + 1;
            }
            for (int i = from; i < to; i++) {
                out.add(new Input(file + "#" + i, Arrays.copyOfRange(all, i * SIDE * SIDE, (i + 1) * SIDE * SIDE)));
            }
            return out;
        }
        return List.of(new Input(arg, raw ? preprocessor.readRaw(file) : preprocessor.read(file)));
    }

    /** A picture scaled to a folder-trained model's [C, N, N] input. */
    private static byte[] resized(Path file, Shape input) throws IOException {
        return ImageFolder.pixels(new ImageDecoder().decode(file), input.dim(1), input.dim(0));
    }

    /** IDX content starts 00 00 (raw) or is gzip whose content starts 00 00; images never do. */
    private static boolean isIdx(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            return false;
        }
        if (Checksums.isGzip(file)) {
            return true;
        }
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0 && in.read() == 0;
        }
    }
}

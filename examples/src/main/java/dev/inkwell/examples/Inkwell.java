package dev.inkwell.examples;

import dev.inkwell.model.ModelFormatException;
import dev.inkwell.mnist.IdxFormatException;
import dev.inkwell.train.TrainingDivergedException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * The {@code inkwell} command: {@code train}, {@code eval}, {@code predict}, {@code samples},
 * {@code serve}, {@code info} and {@code benchmark}, each also runnable on its own as a main class. Exit status 0 on
 * success, 1 when some input failed, 2 for a usage error.
 */
public final class Inkwell {
    /** The library version written into model files. */
    public static final String VERSION = "0.1.0";

    static final String USAGE = """
            Usage: inkwell COMMAND [options]      (inkwell COMMAND --help for its options)
              train      train a network on MNIST or Fashion-MNIST and save it
              eval       evaluate a model on the test set
              predict    read digits from image files
              serve      draw-a-digit web page and JSON API
              samples    write test-set images as PNG files
              info       show how a model file was made
              benchmark  measure training and inference speed
            """;

    /** A command's body: returns the exit status. */
    @FunctionalInterface
    interface Command {
        int run(String[] args) throws UsageException, IOException;
    }

    private Inkwell() {
    }

    public static void main(String[] args) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            System.out.print(USAGE);
            System.exit(args.length == 0 ? 2 : 0);
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        int status = switch (args[0].toLowerCase(Locale.ROOT)) {
            case "train" -> runCommand(TrainMnist::run, TrainMnist.USAGE, rest);
            case "eval" -> runCommand(EvaluateMnist::run, EvaluateMnist.USAGE, rest);
            case "predict" -> runCommand(PredictDigits::run, PredictDigits.USAGE, rest);
            case "samples" -> runCommand(WriteSamples::run, WriteSamples.USAGE, rest);
            case "info" -> runCommand(ModelInfo::run, ModelInfo.USAGE, rest);
            case "serve" -> runCommand(ServeDigits::run, ServeDigits.USAGE, rest);
            case "benchmark" -> runCommand(Benchmark::run, Benchmark.USAGE, rest);
            default -> {
                System.err.println("inkwell: unknown command '" + args[0] + "'");
                System.err.print(USAGE);
                yield 2;
            }
        };
        System.exit(status);
    }

    /** Runs a command, turning its failures into a one-line message and the documented exit status. */
    static int runCommand(Command command, String usage, String[] args) {
        // the library logs one line (the SIMD hint) through java.util.logging: keep it one line here too
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "inkwell: %5$s%n");
        }
        try {
            return command.run(args);
        } catch (UsageException e) {
            System.err.println("inkwell: " + e.getMessage());
            System.err.print(usage);
            return 2;
        } catch (IdxFormatException | ModelFormatException | TrainingDivergedException e) {
            System.err.println("inkwell: error: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            System.err.println("inkwell: error: " + describe(e));
            return 1;
        }
    }

    /** An I/O failure in words: the JDK's exceptions for missing files carry only the path. */
    static String describe(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException n) {
            return n.getFile() + ": no such file" + (n.getReason() != null ? " (" + n.getReason() + ")" : "");
        }
        if (e instanceof java.nio.file.AccessDeniedException a) {
            return a.getFile() + ": permission denied";
        }
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }

    /** Fails before any long work if {@code file} could not be written. */
    static void checkWritable(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        if (Files.isDirectory(file)) {
            throw new IOException(file + ": is a directory; give a file name");
        }
        Path probe = Files.createTempFile(dir, ".inkwell-write-test", ".tmp");
        Files.delete(probe);
    }

    /** Fails before any long work if files could not be created in {@code dir}. */
    static void checkWritableDirectory(Path dir) throws IOException {
        checkWritable(dir.resolve("report.md"));
    }
}

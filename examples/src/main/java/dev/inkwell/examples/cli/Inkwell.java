package dev.inkwell.examples.cli;

import java.util.Arrays;
import java.util.Locale;

/**
 * The {@code inkwell} command: dispatches {@code train}, {@code eval}, {@code predict}, {@code read}, {@code corrupt}, {@code samples},
 * {@code serve}, {@code info} and {@code benchmark} to their classes, each also runnable on its own as a main
 * class. Exit status 0 on
 * success, 1 when some input failed, 2 for a usage error.
 */
public final class Inkwell {
    static final String USAGE = """
            Usage: inkwell COMMAND [options]      (inkwell COMMAND --help for its options)
              train      train a network on MNIST or Fashion-MNIST and save it
              eval       evaluate a model on the test set
              predict    read digits from image files
              read       read whole numbers from image files
              corrupt    write the test split with the corruptions of MNIST-C, to evaluate on
              serve      draw-a-digit web page and JSON API
              samples    write test-set images as PNG files
              info       show how a model file was made
              benchmark  measure training and inference speed
            """;

    private Inkwell() {
    }

    public static void main(String[] args) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            System.out.print(USAGE);
            System.exit(args.length == 0 ? 2 : 0);
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        int status = switch (args[0].toLowerCase(Locale.ROOT)) {
            case "train" -> CommandLine.run(TrainCommand::run, TrainCommand.USAGE, rest);
            case "eval" -> CommandLine.run(EvalCommand::run, EvalCommand.USAGE, rest);
            case "predict" -> CommandLine.run(PredictCommand::run, PredictCommand.USAGE, rest);
            case "read" -> CommandLine.run(ReadCommand::run, ReadCommand.USAGE, rest);
            case "corrupt" -> CommandLine.run(CorruptCommand::run, CorruptCommand.USAGE, rest);
            case "samples" -> CommandLine.run(SamplesCommand::run, SamplesCommand.USAGE, rest);
            case "info" -> CommandLine.run(InfoCommand::run, InfoCommand.USAGE, rest);
            case "serve" -> CommandLine.run(ServeCommand::run, ServeCommand.USAGE, rest);
            case "benchmark" -> CommandLine.run(BenchmarkCommand::run, BenchmarkCommand.USAGE, rest);
            default -> {
                System.err.println("inkwell: unknown command '" + args[0] + "'");
                System.err.print(USAGE);
                yield 2;
            }
        };
        System.exit(status);
    }
}

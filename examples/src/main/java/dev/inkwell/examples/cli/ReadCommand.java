package dev.inkwell.examples.cli;

import dev.inkwell.examples.json.Json;
import dev.inkwell.examples.json.Readings;
import dev.inkwell.mnist.reader.DigitReader;
import dev.inkwell.mnist.reader.NumberReading;
import dev.inkwell.model.Model;
import dev.inkwell.nn.ComputeContext;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code inkwell read}: the number written in each image, {@code FILE<TAB>DIGITS<TAB>CONFIDENCE} (digits left
 * to right, leading zeros kept; the confidence of the whole string), or JSON with each digit's box. A file
 * that cannot be read gets {@code FILE: error: REASON} on stderr and the others are still read; exit status
 * 1 then.
 */
public final class ReadCommand {
    static final String USAGE = """
            Usage: inkwell read [options] IMAGE...
            Reads the number written in each image: prints FILE, DIGITS and CONFIDENCE separated by tabs.
            IMAGE is a picture of a number or a single digit (PNG, JPEG, GIF or BMP; any size; dark ink on
            light paper or light on dark); the digits may be small on a large page.
              --model FILE         model file (default: the pretrained model in this jar)
              --json               one JSON object per line: file, digits, confidence, and for each digit
                                   its box (x, y, width, height in the image's pixels), digit, confidence, top3
              --verbose            print the stack trace of a file that fails
            """;

    private ReadCommand() {
    }

    public static void main(String[] args) {
        System.exit(CommandLine.run(ReadCommand::run, USAGE, args));
    }

    static int run(String[] args) throws UsageException, IOException {
        Options o = new Options(args, Set.of("model"), Set.of("json", "verbose"));
        if (o.help()) {
            System.out.print(USAGE);
            return 0;
        }
        if (o.positional().isEmpty()) {
            throw new UsageException("give at least one image");
        }
        Model model = DefaultModel.requireDigitInput(DefaultModel.load(o.path("model"), ComputeContext.withThreads(1), 1),
                o.path("model"), "read");
        DigitReader reader = DigitReader.of(model);
        boolean failed = false;
        for (String arg : o.positional()) {
            NumberReading reading;
            try {
                reading = reader.readNumber(Path.of(arg));
            } catch (IOException | RuntimeException e) {
                // a RuntimeException here is a bug, but it must not cost the user the other files' answers
                System.err.println(arg + ": error: " + CommandLine.reason(arg, e));
                if (o.has("verbose")) {
                    e.printStackTrace();
                }
                failed = true;
                continue;
            }
            if (o.has("json")) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("file", arg);
                json.putAll(Readings.of(reading));
                System.out.println(Json.text(json));
            } else {
                System.out.printf(Locale.ROOT, "%s\t%s\t%.4f%n", arg, reading.digits(), reading.confidence());
            }
        }
        return failed ? 1 : 0;
    }
}

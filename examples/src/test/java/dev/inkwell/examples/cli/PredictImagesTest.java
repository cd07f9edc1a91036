package dev.inkwell.examples.cli;

import dev.inkwell.examples.SyntheticDigits;
import dev.inkwell.mnist.image.DigitPreprocessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code inkwell predict} on pictures of digits, on files that are not, and on a small heap. */
class PredictImagesTest {
    @TempDir
    Path dir;

    @Test
    void badFilesGetOneLineEachAndTheGoodOnesAreStillReadOnASmallHeap() throws Exception {
        List<SyntheticDigits.Sample> samples = SyntheticDigits.generate(3, 7);
        Path photo = write("photo.jpg", samples.get(2).file());
        BufferedImage large = new BufferedImage(4000, 3000, BufferedImage.TYPE_BYTE_GRAY);
        Path tooLargeForTheHeap = dir.resolve("large.png");
        ImageIO.write(large, "png", tooLargeForTheHeap.toFile());
        byte[] png = SyntheticDigits.encode(new BufferedImage(50, 50, BufferedImage.TYPE_INT_RGB), 0);
        byte[] badCrc = png.clone();
        badCrc[png.length / 2] ^= 1;
        Path[] bad = {
            write("empty.png", new byte[0]),
            write("text.png", "not an image\n".getBytes(StandardCharsets.US_ASCII)),
            write("truncated.png", Arrays.copyOf(samples.get(0).file(), 100)),
            write("bad-crc.png", badCrc),
            write("truncated.jpg", Arrays.copyOf(SyntheticDigits.encode(new BufferedImage(300, 300,
                    BufferedImage.TYPE_INT_RGB), 80), 400)),
            write("bomb.png", pngClaiming(100_000, 100_000)),
            write("blank.png", png),
            Files.createDirectory(dir.resolve("folder.png")),
            dir.resolve("missing.png"),
            tooLargeForTheHeap,
        };
        List<String> args = new ArrayList<>(List.of(photo.toString()));
        for (Path p : bad) {
            args.add(p.toString());
        }
        List<String> command = ChildJvm.command(List.of("-Xmx48m"), PredictCommand.class, args);
        Process child = new ProcessBuilder(command).redirectErrorStream(false).start();
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "predict did not finish");
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, child.exitValue(), err);
        assertTrue(out.startsWith(photo + "\t" + samples.get(2).label() + "\t"), out + err);
        String[] errors = err.lines().filter(line -> !line.startsWith("WARNING: Using incubator modules"))
                .toArray(String[]::new);
        assertEquals(bad.length, errors.length, err);
        for (int i = 0; i < bad.length; i++) {
            assertTrue(errors[i].startsWith(bad[i] + ": error: "), errors[i]);
        }
        assertFalse(err.contains("Exception") || err.contains("\tat "), err);
        assertTrue(errors[6].contains("no digit found") && errors[9].contains("more memory"), err);
    }

    @Test
    void debugDirShowsWhatTheNetworkSawAndRawSkipsPreprocessing() throws Exception {
        SyntheticDigits.Sample sample = SyntheticDigits.generate(1, 3).get(0);
        Path image = write("drawn.png", sample.file());
        Path debug = dir.resolve("debug");
        var result = CommandRunner.run(PredictCommand::run, PredictCommand.USAGE, "--debug-dir", debug.toString(),
                image.toString());
        assertEquals(0, result.status(), result.err());
        Path seen = debug.resolve("drawn.png.seen.png");
        byte[] expected = new DigitPreprocessor().read(image);
        DigitPreprocessor raw = new DigitPreprocessor();
        assertArrayEquals(expected, raw.readRaw(seen), "the debug image is exactly the network's input");

        var again = CommandRunner.run(PredictCommand::run, PredictCommand.USAGE, "--raw", seen.toString());
        assertEquals(result.out().split("\t", 2)[1], again.out().split("\t", 2)[1], "same digit and confidence");

        var refused = CommandRunner.run(PredictCommand::run, PredictCommand.USAGE, "--raw", image.toString());
        assertEquals(1, refused.status());
        assertTrue(refused.err().contains("without preprocessing an image must be 28x28"), refused.err());
    }

    @Test
    void verboseAddsTheStackTrace() throws Exception {
        Path text = write("notes.png", "hello".getBytes(StandardCharsets.US_ASCII));
        var quiet = CommandRunner.run(PredictCommand::run, PredictCommand.USAGE, text.toString());
        var verbose = CommandRunner.run(PredictCommand::run, PredictCommand.USAGE, "--verbose", text.toString());
        assertEquals(text + ": error: a text file, not an image\n", quiet.err());
        assertTrue(verbose.err().contains("ImageFormatException") && verbose.err().contains("\tat "), verbose.err());
    }

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    /** A PNG that is well formed except that it claims width x height with almost no data. */
    private static byte[] pngClaiming(int width, int height) throws IOException {
        byte[] png = SyntheticDigits.encode(new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY), 0);
        java.nio.ByteBuffer.wrap(png, 16, 8).putInt(width).putInt(height);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(png, 12, 17);
        java.nio.ByteBuffer.wrap(png, 29, 4).putInt((int) crc.getValue());
        return png;
    }
}

package dev.inkwell.examples.server;

import dev.inkwell.mnist.reader.DigitReader;
import dev.inkwell.mnist.image.DigitPreprocessor;
import dev.inkwell.model.Predictor;
import dev.inkwell.nn.ComputeContext;
import dev.inkwell.testing.SharedData;
import dev.inkwell.testing.VectorPass;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The page in a real browser: Debian's chromium, driven by playwright-core (npm), draws 0, 1, 4 and 7
 * on the canvas with the mouse and reads the answers off the page. Runs when
 * {@code INKWELL_BROWSER_TESTS=1} ({@code .ci/run} installs chromium and sets it); the screenshots
 * are left in {@code examples/target/browser/}.
 */
@Tag(VectorPass.TAG)
class BrowserTest {
    @Test
    void digitsDrawnOnTheCanvasAreRead() throws Exception {
        // opt-in where chromium may be missing; CI sets it after installing chromium, so there it runs or fails
        assumeTrue("1".equals(System.getenv("INKWELL_BROWSER_TESTS")),
                "browser test skipped: set INKWELL_BROWSER_TESTS=1 (needs chromium and npm)");
        Path scripts = SharedData.repoRoot().resolve("examples/src/test/browser");
        if (!Files.isDirectory(scripts.resolve("node_modules/playwright-core"))) {
            assertEquals(0, run(scripts, List.of("npm", "ci", "--no-audit", "--no-fund")), "npm ci");
        }
        Path shots = SharedData.repoRoot().resolve("examples/target/browser");
        Files.createDirectories(shots);
        Predictor predictor = Predictor.of(DigitReader.pretrainedModel(ComputeContext.withThreads(1), 1));
        try (DigitServer server = DigitServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                predictor, new DigitPreprocessor(), DigitServer.Limits.defaults(), "pretrained default model")) {
            Path out = shots.resolve("answers.jsonl");
            int status = run(scripts, List.of("node", "draw-digits.mjs", "http://127.0.0.1:" + server.port() + "/",
                    shots.resolve("page.png").toString()), out);
            String answers = Files.readString(out, StandardCharsets.UTF_8);
            assertEquals(0, status, answers);
            List<String> lines = answers.lines().filter(l -> l.startsWith("{\"drawn\"")).toList();
            assertTrue(answers.contains("{\"written\":\"7041\",\"read\":\"7041 "), answers);
            assertEquals(4, lines.size(), answers);
            for (String line : lines) {
                String drawn = line.replaceAll(".*\"drawn\":\"(\\d)\".*", "$1");
                assertTrue(line.contains("\"read\":\"" + drawn + "\"") && line.contains("\"seen\":true"), line);
            }
        }
        assertTrue(Files.size(shots.resolve("page.png")) > 10_000, "a screenshot was taken");
    }

    private static int run(Path dir, List<String> command) throws Exception {
        return run(dir, command, dir.resolve("../../../target/browser-" + command.get(0) + ".log").normalize());
    }

    private static int run(Path dir, List<String> command, Path output) throws Exception {
        Files.createDirectories(output.getParent());
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        assertTrue(p.waitFor(3, TimeUnit.MINUTES), String.join(" ", command) + " did not finish");
        return p.exitValue();
    }
}

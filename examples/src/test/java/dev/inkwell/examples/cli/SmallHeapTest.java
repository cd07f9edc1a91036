package dev.inkwell.examples.cli;

import dev.inkwell.testing.SharedData;
import dev.inkwell.testing.VectorPass;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Inference fits a small container: in a 128 MB heap {@code eval} normalises the test split as it is read and
 * builds the network for the batch that fits, with the same result as in a large heap; {@code predict} and
 * {@code serve} answer in 256 MB.
 */
@Tag(VectorPass.TAG)
class SmallHeapTest {
    @TempDir
    Path dir;

    @Test
    void evalOfThePretrainedModelRunsIn128Megabytes() throws Exception {
        List<String> command = ChildJvm.command(List.of("-Xmx128m"), EvalCommand.class,
                List.of("--data", SharedData.datasets().toString()));
        Process p = ChildJvm.start(command, dir, "eval");
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "eval finished");
        String out = Files.readString(dir.resolve("eval.out")), err = Files.readString(dir.resolve("eval.err"));
        assertEquals(0, p.exitValue(), err);
        assertTrue(out.contains("Accuracy: 9966/10000 (99.66%)"), out + err);
    }

    @Test
    void predictAndServeAnswerIn256Megabytes() throws Exception {
        Path image = Path.of("../examples/samples/7-00000.png").toAbsolutePath().normalize();
        Process predict = ChildJvm.start(ChildJvm.command(List.of("-Xmx256m"), PredictCommand.class,
                List.of(image.toString())), dir, "predict");
        assertTrue(predict.waitFor(2, TimeUnit.MINUTES), "predict finished");
        assertEquals(0, predict.exitValue(), Files.readString(dir.resolve("predict.err")));
        assertTrue(Files.readString(dir.resolve("predict.out")).contains("\t7\t"),
                Files.readString(dir.resolve("predict.out")));

        Process serve = ChildJvm.start(ChildJvm.command(List.of("-Xmx256m"), ServeCommand.class,
                List.of("--port", "0")), dir, "serve");
        try {
            String url = null;
            for (int i = 0; i < 600 && url == null && serve.isAlive(); i++) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("on (http://\\S+/)")
                        .matcher(Files.readString(dir.resolve("serve.out")));
                url = m.find() ? m.group(1) : null;
                Thread.sleep(100);
            }
            assertTrue(url != null, "serve started: " + Files.readString(dir.resolve("serve.err")));
            java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(url + "api/predict"))
                            .header("Content-Type", "image/png")
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofFile(image)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.body().startsWith("{\"digit\":7,"), r.body());
        } finally {
            serve.destroy();
            serve.waitFor(30, TimeUnit.SECONDS);
        }
    }
}

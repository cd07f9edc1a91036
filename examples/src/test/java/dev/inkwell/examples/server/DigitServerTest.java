package dev.inkwell.examples.server;

import dev.inkwell.mnist.reader.DigitReader;
import dev.inkwell.examples.SyntheticDigits;
import dev.inkwell.mnist.image.DigitPreprocessor;
import dev.inkwell.model.Predictor;
import dev.inkwell.nn.ComputeContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTTP API: good images, every kind of bad request, the limits, and many clients at once. */
class DigitServerTest {
    private static final Predictor PREDICTOR;

    static {
        try {
            PREDICTOR = Predictor.of(DigitReader.pretrainedModel(ComputeContext.withThreads(1), 1));
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private DigitServer server;
    private String base;

    @BeforeEach
    void start() throws Exception {
        server = DigitServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), PREDICTOR,
                new DigitPreprocessor(), new DigitServer.Limits(64 << 10, 8, 8), "test model");
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> post(String type, byte[] body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(base + "/api/predict")).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anImageOrACanvasDataUrlIsRead() throws Exception {
        SyntheticDigits.Sample sample = SyntheticDigits.generate(4, 5).get(3);
        HttpResponse<String> r = post("image/png", sample.file());
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().startsWith("{\"digit\":" + sample.label() + ",\"label\":\"" + sample.label() + "\""), r.body());
        assertTrue(r.body().matches(".*\"probabilities\":\\[(\\d\\.\\d{6},){9}\\d\\.\\d{6}\\].*"), r.body());
        assertTrue(r.body().contains("\"image\":\"data:image/png;base64,"), r.body());

        String json = "{\"image\": \"data:image/png;base64," + Base64.getEncoder().encodeToString(sample.file()) + "\"}";
        HttpResponse<String> canvas = post("application/json", json.getBytes(StandardCharsets.UTF_8));
        assertEquals(r.body(), canvas.body());
    }

    @Test
    void healthModelAndPageAreServed() throws Exception {
        assertEquals("{\"status\":\"ok\"}", get("/api/health").body());
        HttpResponse<String> model = get("/api/model");
        assertTrue(model.body().contains("\"architecture\":\"best\"") && model.body().contains("\"classes\":[\"0\""),
                model.body());
        HttpResponse<String> page = get("/");
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(page.body().contains("<canvas id=\"pad\"") && !page.body().contains("src=\"http"),
                "one self-contained page");
    }

    @Test
    void everyBadRequestGetsA4xxWithAJsonError() throws Exception {
        assertError(post("image/png", "hello".getBytes()), 400, "a text file, not an image");
        byte[] blank = SyntheticDigits.encode(new java.awt.image.BufferedImage(60, 60,
                java.awt.image.BufferedImage.TYPE_INT_RGB), 0);
        assertError(post("image/png", blank), 422, "no digit found");
        assertError(post("application/json", "{\"image\": 42}".getBytes()), 400, "expected JSON");
        assertError(post("application/json", "{\"image\": \"data:image/png;base64,@@@\"}".getBytes()), 400,
                "expected JSON");
        assertError(post("text/plain", "7".getBytes()), 415, "send an image");
        assertError(post("image/png", new byte[(64 << 10) + 1]), 413, "larger than the limit of 65,536 bytes");
        assertError(get("/api/predict"), 405, "GET is not allowed here; use POST");
        assertError(get("/nothing"), 404, "no such page");
        assertError(client.send(HttpRequest.newBuilder(URI.create(base + "/api/health"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()), 405, "use GET");
    }

    @Test
    void aBodyWithoutALengthIsCutAtTheLimit() throws Exception {
        String reply = raw("POST /api/predict HTTP/1.1\r\nHost: x\r\nContent-Type: image/png\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n" + "10000\r\n" + "a".repeat(0x10000) + "\r\n"
                + "10000\r\n" + "a".repeat(0x10000) + "\r\n0\r\n\r\n");
        assertTrue(reply.startsWith("HTTP/1.1 413"), reply);
    }

    @Test
    void aStalledClientIsCutOffAndDoesNotBlockOthers() throws Exception {
        try (Socket slow = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            slow.setSoTimeout(30_000);
            OutputStream out = slow.getOutputStream();
            out.write(("POST /api/predict HTTP/1.1\r\nHost: x\r\nContent-Type: image/png\r\nContent-Length: 5000\r\n\r\n"
                    + "only a little").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertEquals(200, get("/api/health").statusCode(), "others are served meanwhile");
            long start = System.nanoTime();
            InputStream in = slow.getInputStream();
            byte[] rest = in.readAllBytes(); // returns when the server gives up on the request
            long waited = (System.nanoTime() - start) / 1_000_000;
            // the server checks once a second whether a request has overstayed READ_TIMEOUT_SECONDS
            assertTrue(waited < (DigitServer.READ_TIMEOUT_SECONDS + 3) * 1000L,
                    "cut off after " + waited + " ms; got " + new String(rest, StandardCharsets.US_ASCII));
        }
        assertEquals(200, get("/api/health").statusCode());
    }

    @Test
    void manyClientsAtOnceAllGetTheirOwnAnswer() throws Exception {
        List<SyntheticDigits.Sample> samples = SyntheticDigits.generate(20, 9);
        List<String> expected = new ArrayList<>();
        for (SyntheticDigits.Sample s : samples) {
            expected.add(post("image/png", s.file()).body());
        }
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 160; i++) {
                SyntheticDigits.Sample s = samples.get(i % samples.size());
                answers.add(clients.submit(() -> {
                    HttpResponse<String> r = post("image/png", s.file());
                    // past the concurrency limit the server says busy instead of queueing without bound
                    return r.statusCode() == 503 ? "busy" : r.body();
                }));
            }
            int busy = 0;
            for (int i = 0; i < answers.size(); i++) {
                String body = answers.get(i).get();
                if (body.equals("busy")) {
                    busy++;
                } else {
                    assertEquals(expected.get(i % samples.size()), body, "request " + i);
                }
            }
            assertTrue(busy < answers.size() / 2, busy + " of " + answers.size() + " were turned away");
        } finally {
            clients.shutdownNow();
        }
    }

    private static void assertError(HttpResponse<String> r, int status, String message) {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertTrue(r.body().startsWith("{\"error\":\"") && r.body().contains(message), r.body());
    }

    /** Sends raw bytes and returns what the server answers before closing. */
    private String raw(String request) throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            byte[] head = new byte[200];
            int n = s.getInputStream().read(head);
            return new String(head, 0, Math.max(0, n), StandardCharsets.US_ASCII);
        }
    }
}

package dev.inkwell.examples.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.inkwell.examples.SyntheticDigits;
import dev.inkwell.mnist.image.DigitPreprocessor;
import dev.inkwell.mnist.reader.DigitReader;
import dev.inkwell.model.Predictor;
import dev.inkwell.nn.ComputeContext;
import org.junit.jupiter.api.AfterEach;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTTP API: good images, every kind of bad request, hostile hosts and clients, many clients at once. */
class DigitServerTest {
    static final Predictor PREDICTOR;

    static {
        try {
            PREDICTOR = Predictor.of(DigitReader.pretrainedModel(ComputeContext.withThreads(1), 1));
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DigitServer.Limits LIMITS = DigitServer.Limits.defaults().withMaxBodyBytes(64 << 10)
            .withMaxConcurrent(8).withIdleTimeout(Duration.ofSeconds(2));

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private DigitServer server;
    private String base;

    private void start(Predictor predictor, DigitServer.Limits limits, String modelName) throws Exception {
        server = DigitServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), predictor,
                new DigitPreprocessor(), limits, modelName);
        base = "http://127.0.0.1:" + server.port();
    }

    private void start() throws Exception {
        start(PREDICTOR, LIMITS, "/home/someone/models/digits.inkwell");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
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
        start();
        SyntheticDigits.Sample sample = SyntheticDigits.generate(4, 5).get(3);
        HttpResponse<String> r = post("image/png", sample.file());
        assertEquals(200, r.statusCode(), r.body());
        JsonNode answer = JSON.readTree(r.body());
        assertEquals(sample.label(), answer.get("digit").asInt(), r.body());
        assertEquals(Integer.toString(sample.label()), answer.get("label").asText());
        assertEquals(10, answer.get("probabilities").size());
        double sum = 0;
        for (JsonNode p : answer.get("probabilities")) {
            sum += p.asDouble();
        }
        assertEquals(1.0, sum, 1e-4);
        assertTrue(answer.get("image").asText().startsWith("data:image/png;base64,"), r.body());

        // what a browser's JSON.stringify may send: other keys, escaped slashes
        String dataUrl = "data:image/png;base64," + Base64.getEncoder().encodeToString(sample.file());
        String json = "{\"kind\": \"canvas\", \"image\": \"" + dataUrl.replace("/", "\\/") + "\", \"w\": 280}";
        HttpResponse<String> canvas = post("application/json", json.getBytes(StandardCharsets.UTF_8));
        assertEquals(r.body(), canvas.body());
    }

    @Test
    void aWholeNumberIsReadWithEachDigitsBox() throws Exception {
        start();
        java.awt.image.BufferedImage page = new java.awt.image.BufferedImage(600, 200,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = page.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_ANTIALIASING, java.awt.RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, 600, 200);
        g.setColor(java.awt.Color.BLACK);
        g.setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 90));
        g.drawString("7 0 3 1", 60, 140);
        g.dispose();
        byte[] png = SyntheticDigits.encode(page, 0);
        String json = "{\"image\": \"data:image/png;base64," + Base64.getEncoder().encodeToString(png) + "\"}";
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + "/api/read"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        JsonNode answer = JSON.readTree(r.body());
        assertEquals("7031", answer.get("digits").asText());
        assertEquals(4, answer.get("found").size());
        assertTrue(answer.get("found").get(0).get("box").get("x").asInt() >= 50);
        assertError(client.send(HttpRequest.newBuilder(URI.create(base + "/api/read"))
                .header("Content-Type", "image/png").POST(HttpRequest.BodyPublishers.ofByteArray("x".getBytes()))
                .build(), HttpResponse.BodyHandlers.ofString()), 400, "not an image");
    }

    @Test
    void thePageItsFilesAndTheModelAreServedWithoutLocalPathsOrInlineCode() throws Exception {
        start();
        assertEquals("{\"status\":\"ok\"}", get("/api/health").body());
        JsonNode model = JSON.readTree(get("/api/model").body());
        assertEquals("best", model.get("architecture").asText());
        assertEquals("digits.inkwell", model.get("name").asText(), "the file's name, not its folder");
        assertEquals("0", model.get("classes").get(0).asText());
        assertEquals("digits.inkwell", DigitApi.withoutFolders("C:\\models\\digits.inkwell"));
        assertEquals("mnist", DigitApi.withoutFolders("mnist"));

        HttpResponse<String> page = get("/");
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(page.body().contains("<canvas id=\"pad\"") && page.body().contains("<script src=\"app.js\">"));
        assertFalse(page.body().contains("<style") || page.body().contains("style=")
                || page.body().matches("(?s).*<script>.*"), "no inline style or script");
        String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'")
                && !csp.contains("unsafe-inline"), csp);
        assertEquals("no-referrer", page.headers().firstValue("Referrer-Policy").orElse(""));
        assertTrue(get("/app.js").headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"));
        assertTrue(get("/style.css").headers().firstValue("Content-Type").orElse("").startsWith("text/css"));
    }

    @Test
    void everyBadRequestGetsA4xxWithAJsonError() throws Exception {
        start();
        assertError(post("image/png", "hello".getBytes()), 400, "a text file, not an image");
        byte[] blank = SyntheticDigits.encode(new java.awt.image.BufferedImage(60, 60,
                java.awt.image.BufferedImage.TYPE_INT_RGB), 0);
        assertError(post("image/png", blank), 422, "no digit found");
        assertError(post("application/json", "{\"image\": 42}".getBytes()), 400, "expected JSON");
        assertError(post("application/json", "{\"image\": \"data:image/png;base64,@@@\"}".getBytes()), 400,
                "expected JSON");
        assertError(post("application/json", "{\"image\": ".getBytes()), 400, "expected JSON");
        assertError(post("text/plain", "7".getBytes()), 415, "send an image");
        assertError(post("image/png", new byte[(64 << 10) + 1]), 413, "larger than the limit of 65,536 bytes");
        assertError(get("/api/predict"), 405, "GET is not allowed here; use POST");
        assertError(get("/nothing"), 404, "no such page");
        assertError(client.send(HttpRequest.newBuilder(URI.create(base + "/api/health"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()), 405, "use GET");

        assertRawError(raw("GET /api/health HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(1 << 20)
                + "\r\n\r\n"), 431);
        assertRawError(raw("GET /api/health HTTP/1.1\r\nHost: localhost\r\nContent-Length: many\r\n\r\n"), 400);
        assertRawError(raw("GET\r\n\r\n"), 400);
        assertRawError(raw("BREW /api/health HTCPCP/1.0\r\n\r\n"), 505);
        assertRawError(raw("POST /api/predict HTTP/1.1\r\nHost: localhost\r\nExpect: 100-continue\r\n"
                + "Content-Length: 999999999999\r\n\r\n"), 413);
    }

    @Test
    void anotherSitesHostNameIsRefusedUnlessAllowed() throws Exception {
        start(PREDICTOR, LIMITS.withAllowedHosts(List.of("digits.example.org")), "m");
        assertRawError(raw("GET /api/model HTTP/1.1\r\nHost: attacker.example:8080\r\n\r\n"), 403);
        assertTrue(raw("GET /api/model HTTP/1.1\r\nHost: Digits.Example.org:8080\r\nConnection: close\r\n\r\n")
                .startsWith("HTTP/1.1 200"));
        assertTrue(raw("GET /api/health HTTP/1.1\r\nHost: [::1]:" + server.port() + "\r\nConnection: close\r\n\r\n")
                .startsWith("HTTP/1.1 200"));
        assertEquals("[::1]", RequestGate.hostName("[::1]:80"));
        assertEquals("localhost", RequestGate.hostName("localhost"));
    }

    @Test
    void aBodyWithoutALengthIsCutAtTheLimit() throws Exception {
        start();
        String reply = raw("POST /api/predict HTTP/1.1\r\nHost: localhost\r\nContent-Type: image/png\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n" + "10000\r\n" + "a".repeat(0x10000) + "\r\n"
                + "10000\r\n" + "a".repeat(0x10000) + "\r\n0\r\n\r\n");
        assertRawError(reply, 413);
    }

    @Test
    void slowClientsHoldNoWorkerAndAStalledBodyGets408() throws Exception {
        start();
        List<Socket> slow = new ArrayList<>();
        try {
            // more half-sent requests than the server works on at once: headers that never end, bodies that never come
            for (int i = 0; i < 3 * LIMITS.maxConcurrent(); i++) {
                Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port());
                String partial = i % 2 == 0 ? "GET /api/health HTTP/1.1\r\nHost: local"
                        : "POST /api/predict HTTP/1.1\r\nHost: localhost\r\nContent-Type: image/png\r\n"
                        + "Content-Length: 5000\r\n\r\nonly a little";
                s.getOutputStream().write(partial.getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                slow.add(s);
            }
            SyntheticDigits.Sample sample = SyntheticDigits.generate(1, 3).get(0);
            assertEquals(200, post("image/png", sample.file()).statusCode(), "others are served meanwhile");

            Socket stalled = slow.get(1);
            stalled.setSoTimeout(30_000);
            String reply = new String(stalled.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertRawError(reply, 408);
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
        assertEquals(200, get("/api/health").statusCode());
    }

    @Test
    void manyClientsAtOnceAllGetTheirOwnAnswer() throws Exception {
        start();
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
                answers.add(clients.submit(() -> post("image/png", s.file()).body()));
            }
            for (int i = 0; i < answers.size(); i++) {
                // 16 clients against 8 at work: the rest wait their turn in the queue, none is turned away
                assertEquals(expected.get(i % samples.size()), answers.get(i).get(), "request " + i);
            }
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void aBugIsAnswered500AndLoggedWithItsTrace() throws Exception {
        Logger log = Logger.getLogger("dev.inkwell.examples.server");
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(capture);
        try {
            start(ScriptedModel.predictor(() -> {
                throw new IllegalStateException("a bug in a layer");
            }), LIMITS, "m");
            assertError(post("image/png", SyntheticDigits.generate(1, 3).get(0).file()), 500, "internal error");
            assertTrue(records.stream().anyMatch(r -> r.getLevel() == Level.SEVERE && r.getThrown() != null
                    && "a bug in a layer".equals(r.getThrown().getMessage())), "the trace is logged");
            assertEquals(200, get("/api/health").statusCode(), "the server goes on");
        } finally {
            log.removeHandler(capture);
        }
    }

    @Test
    void pastTheQueueRequestsGet503WithRetryAfter() throws Exception {
        CountDownLatch working = new CountDownLatch(1), release = new CountDownLatch(1);
        Predictor slow = ScriptedModel.predictor(() -> {
            working.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        DigitServer.Limits d = LIMITS;
        start(slow, new DigitServer.Limits(d.maxBodyBytes(), 1, 0, d.queueWait(), d.idleTimeout(), d.maxConnections(),
                d.decodeBudgetBytes(), d.allowedHosts()), "m");
        byte[] image = SyntheticDigits.generate(1, 3).get(0).file();
        ExecutorService first = Executors.newSingleThreadExecutor();
        try {
            Future<HttpResponse<String>> held = first.submit(() -> post("image/png", image));
            working.await();
            HttpResponse<String> turnedAway = post("image/png", image);
            assertError(turnedAway, 503, "busy");
            assertEquals("1", turnedAway.headers().firstValue("Retry-After").orElse(""));
            release.countDown();
            assertEquals(200, held.get().statusCode());
        } finally {
            release.countDown();
            first.shutdownNow();
        }
    }

    private static void assertError(HttpResponse<String> r, int status, String message) {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertTrue(r.body().startsWith("{\"error\":\"") && r.body().contains(message), r.body());
    }

    /** A raw reply's status line is {@code status} and its body a JSON error. */
    static void assertRawError(String reply, int status) {
        assertTrue(reply.startsWith("HTTP/1.1 " + status + " "), reply);
        assertTrue(reply.toLowerCase(java.util.Locale.ROOT).contains("content-type: application/json"), reply);
        assertTrue(reply.contains("\r\n\r\n{\"error\":\""), reply);
    }

    /** Sends raw bytes and returns what the server answers before closing or pausing. */
    private String raw(String request) throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            try {
                out.write(request.getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (java.net.SocketException e) {
                // the server may answer and close before it has read everything sent
            }
            InputStream in = s.getInputStream();
            byte[] buffer = new byte[8192];
            StringBuilder reply = new StringBuilder();
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    reply.append(new String(buffer, 0, n, StandardCharsets.US_ASCII));
                    if (complete(reply)) {
                        break;
                    }
                }
            } catch (java.net.SocketException e) {
                // reset after the answer
            }
            return reply.toString();
        }
    }

    /** Whether the reply holds its headers and as much body as its Content-Length says. */
    private static boolean complete(StringBuilder reply) {
        int end = reply.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)")
                .matcher(reply.substring(0, end));
        return m.find() && reply.length() - end - 4 >= Integer.parseInt(m.group(1));
    }
}

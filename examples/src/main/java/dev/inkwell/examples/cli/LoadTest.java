package dev.inkwell.examples.cli;

import dev.inkwell.examples.server.DigitServer;
import dev.inkwell.examples.cli.Inkwell;
import dev.inkwell.mnist.image.DigitPreprocessor;
import dev.inkwell.model.Predictor;
import dev.inkwell.nn.ComputeContext;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Load test of {@code inkwell serve} over loopback: N requests from C concurrent clients, each posting
 * one of the given images; every answer is checked against the answer the server gave the same image
 * when it was alone. Without {@code --url} it starts a server in this JVM.
 */
public final class LoadTest {
    static final String USAGE = """
            Usage: java -cp examples/target/inkwell.jar dev.inkwell.examples.LoadTest [options] IMAGE...
              --url URL            server to test (default: start one on a free loopback port)
              --requests N         default 10000
              --clients N          concurrent clients (default 16)
            """;

    private LoadTest() {
    }

    public static void main(String[] args) {
        System.exit(CommandLine.run(LoadTest::run, USAGE, args));
    }

    static int run(String[] args) throws UsageException, IOException {
        Options o = new Options(args, Set.of("url", "requests", "clients"), Set.of());
        if (o.help()) {
            System.out.print(USAGE);
            return 0;
        }
        if (o.positional().isEmpty()) {
            throw new UsageException("give at least one image to send");
        }
        int requests = o.integer("requests", 10_000, 1, 10_000_000);
        int clients = o.integer("clients", 16, 1, 1024);
        List<byte[]> images = new ArrayList<>();
        for (String file : o.positional()) {
            images.add(Files.readAllBytes(Path.of(file)));
        }
        DigitServer local = null;
        String url = o.string("url", null);
        if (url == null) {
            Predictor predictor = Predictor.of(DefaultModel.load(null, ComputeContext.withThreads(1), 1));
            local = DigitServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), predictor,
                    new DigitPreprocessor(), DigitServer.Limits.defaults(), "pretrained default model");
            url = "http://127.0.0.1:" + local.port() + "/";
        }
        try {
            report(URI.create(url).resolve("api/predict"), images, requests, clients);
        } finally {
            if (local != null) {
                local.close();
            }
        }
        return 0;
    }

    private static void report(URI predict, List<byte[]> images, int requests, int clients) throws IOException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<String> expected = new ArrayList<>();
        for (byte[] image : images) {
            expected.add(send(http, predict, image).body());
        }
        long[] latencyNanos = new long[requests];
        AtomicInteger next = new AtomicInteger(), wrong = new AtomicInteger(), failed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            done.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                    int k = i % images.size();
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<String> r = send(http, predict, images.get(k));
                        latencyNanos[i] = System.nanoTime() - t0;
                        if (r.statusCode() != 200) {
                            failed.incrementAndGet();
                        } else if (!r.body().equals(expected.get(k))) {
                            wrong.incrementAndGet();
                        }
                    } catch (IOException e) {
                        latencyNanos[i] = System.nanoTime() - t0;
                        failed.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        try {
            for (Future<?> f : done) {
                f.get();
            }
        } catch (Exception e) {
            throw new IOException("a client failed: " + e, e);
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] sorted = latencyNanos.clone();
        Arrays.sort(sorted);
        System.out.printf("requests: %d%nclients: %d%nseconds: %.2f%nrequests_per_s: %.0f%n", requests, clients, seconds,
                requests / seconds);
        System.out.printf("latency_ms_p50: %.2f%nlatency_ms_p99: %.2f%nlatency_ms_max: %.2f%n", sorted[requests / 2] / 1e6,
                sorted[(int) Math.min(requests - 1, (long) Math.ceil(requests * 0.99) - 1)] / 1e6,
                sorted[requests - 1] / 1e6);
        System.out.printf("failed: %d%nwrong_answers: %d%n", failed.get(), wrong.get());
    }

    private static HttpResponse<String> send(HttpClient http, URI predict, byte[] image) throws IOException {
        try {
            return http.send(HttpRequest.newBuilder(predict).header("Content-Type", "application/octet-stream")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(image)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}

package dev.inkwell.examples.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Normal clients: each posts an ordinary digit image again and again for a while, and every answer is
 * timed and compared with the answer the server gave the same image when it was alone.
 */
final class LatencyProbe {
    /** What the clients saw. */
    record Result(int requests, int ok, int busy, int failed, int wrong, double seconds, double p50Millis,
                  double p99Millis, double maxMillis) {
        String describe(String prefix) {
            return String.format(java.util.Locale.ROOT, "%1$s_requests: %2$d%n%1$s_ok: %3$d%n%1$s_busy_503: %4$d%n"
                            + "%1$s_failed: %5$d%n%1$s_wrong_answers: %6$d%n%1$s_requests_per_s: %7$.0f%n"
                            + "%1$s_p50_ms: %8$.1f%n%1$s_p99_ms: %9$.1f%n%1$s_max_ms: %10$.1f%n", prefix, requests, ok,
                    busy, failed, wrong, requests / seconds, p50Millis, p99Millis, maxMillis);
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final URI predict;
    private final byte[] image;
    private final String expected;

    LatencyProbe(URI predict, byte[] image) throws IOException {
        this.predict = predict;
        this.image = image;
        HttpResponse<String> alone = post(predict, image);
        if (alone.statusCode() != 200) {
            throw new IOException("the server answered " + alone.statusCode() + " to a normal image: " + alone.body());
        }
        this.expected = alone.body();
    }

    /** Posts {@code image} to {@code predict} and waits for the answer (at most a minute). */
    static HttpResponse<String> post(URI predict, byte[] image) throws IOException {
        try {
            return HTTP.send(HttpRequest.newBuilder(predict).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "image/png").POST(HttpRequest.BodyPublishers.ofByteArray(image)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Runs {@code clients} clients for {@code duration}, or until {@code maxRequests} requests have been sent. */
    Result run(int clients, Duration duration, int maxRequests) throws InterruptedException {
        List<Long> nanos = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger sent = new AtomicInteger(), ok = new AtomicInteger(), busy = new AtomicInteger(),
                failed = new AtomicInteger(), wrong = new AtomicInteger();
        long start = System.nanoTime(), end = start + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        for (int c = 0; c < clients; c++) {
            pool.execute(() -> {
                while (System.nanoTime() < end && sent.incrementAndGet() <= maxRequests) {
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<String> r = post(predict, image);
                        nanos.add(System.nanoTime() - t0);
                        if (r.statusCode() == 503) {
                            busy.incrementAndGet();
                        } else if (r.statusCode() != 200) {
                            failed.incrementAndGet();
                        } else if (r.body().equals(expected)) {
                            ok.incrementAndGet();
                        } else {
                            wrong.incrementAndGet();
                        }
                    } catch (IOException e) {
                        nanos.add(System.nanoTime() - t0);
                        failed.incrementAndGet();
                    }
                }
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(duration.toSeconds() + 120, TimeUnit.SECONDS)) {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int n = sorted.size();
        return new Result(n, ok.get(), busy.get(), failed.get(), wrong.get(), seconds, percentile(sorted, 0.50),
                percentile(sorted, 0.99), n == 0 ? 0 : sorted.get(n - 1) / 1e6);
    }

    private static double percentile(List<Long> sorted, double q) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int i = (int) Math.min(sorted.size() - 1, Math.max(0, Math.ceil(q * sorted.size()) - 1));
        return sorted.get(i) / 1e6;
    }
}

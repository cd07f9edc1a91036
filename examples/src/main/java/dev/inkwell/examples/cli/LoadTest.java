package dev.inkwell.examples.cli;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load test of {@code ./inkwell serve} over loopback, bounded in time: ordinary clients are timed while the
 * server is attacked — slow connections, clients sending images that are cheap to send and dear to decode,
 * malformed requests, then all of it at once for a minute — and the server's resident memory is followed.
 * It starts the server through the launcher, as a user does, on a free port; each target is printed with
 * PASS or FAIL, and the exit status is 1 if one fails.
 */
public final class LoadTest {
    static final String USAGE = """
            Usage: java -cp examples/target/inkwell.jar dev.inkwell.examples.cli.LoadTest [options]
              --launcher PATH      the inkwell launcher to start the server with (default ./inkwell)
              --seconds N          length of each measured phase (default 20)
              --burst-seconds N    length of the mixed burst (default 60)
              --clients N          ordinary clients (default 4)
              --slow N             slow connections (default 200)
              --expensive N        clients sending the expensive PNG (default 8)
              --expensive-side N   its side in pixels, 16-bit RGBA (default 3600: 104 MB decoded)
            """;

    private LoadTest() {
    }

    public static void main(String[] args) {
        System.exit(CommandLine.run(LoadTest::run, USAGE, args));
    }

    static int run(String[] args) throws UsageException, IOException {
        Options o = new Options(args, Set.of("launcher", "seconds", "burst-seconds", "clients", "slow", "expensive",
                "expensive-side"), Set.of());
        if (o.help()) {
            System.out.print(USAGE);
            return 0;
        }
        Duration phase = Duration.ofSeconds(o.integer("seconds", 20, 1, 600));
        Duration burst = Duration.ofSeconds(o.integer("burst-seconds", 60, 1, 600));
        int clients = o.integer("clients", 4, 1, 256);
        int slow = o.integer("slow", 200, 0, 5_000);
        int expensive = o.integer("expensive", 8, 0, 256);
        byte[] dear = HostileClients.expensivePng(o.integer("expensive-side", 3600, 16, 20_000));
        Path launcher = Path.of(o.string("launcher", "./inkwell"));
        try (ServerProcess server = ServerProcess.start(launcher)) {
            return new LoadTest.Run(server, clients, phase).all(slow, expensive, dear, burst) ? 0 : 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** One run against one server: the phases in order, and the verdicts. */
    private static final class Run {
        private final ServerProcess server;
        private final URI base;
        private final URI predict;
        private final LatencyProbe normal;
        private final int clients;
        private final Duration phase;
        private final List<String> verdicts = new ArrayList<>();
        private boolean passed = true;

        Run(ServerProcess server, int clients, Duration phase) throws IOException {
            this.server = server;
            this.base = URI.create(server.url());
            this.predict = base.resolve("api/predict");
            this.normal = new LatencyProbe(predict, ordinaryDigit());
            this.clients = clients;
            this.phase = phase;
        }

        boolean all(int slow, int expensive, byte[] dear, Duration burst) throws IOException, InterruptedException {
            System.out.printf("server: %s%nexpensive_png_bytes: %d%n", base, dear.length);
            normal.run(clients, Duration.ofSeconds(5), Integer.MAX_VALUE); // warm-up: what a running server holds
            long startRss = server.residentBytes();
            System.out.printf("rss_start_mb: %d%n", startRss >> 20);

            LatencyProbe.Result quiet = normal.run(clients, phase, Integer.MAX_VALUE);
            System.out.print(quiet.describe("quiet"));
            target("quiet: no wrong answers, none failed", quiet.wrong() == 0 && quiet.failed() == 0);

            try (HostileClients.SlowLoris loris = new HostileClients.SlowLoris(base, slow)) {
                Thread.sleep(3_000);
                LatencyProbe.Result r = normal.run(clients, phase, Integer.MAX_VALUE);
                System.out.print(r.describe("slowloris"));
                System.out.printf("slowloris_connections_opened: %d%n", loris.opened.get());
                target("with " + slow + " slow connections: normal p99 <= 500 ms", r.p99Millis() <= 500
                        && r.failed() == 0 && r.wrong() == 0);
            }

            try (PeakRss peak = new PeakRss(server);
                 HostileClients.Senders senders = new HostileClients.Senders(predict, dear, expensive)) {
                LatencyProbe.Result r = normal.run(clients, phase, Integer.MAX_VALUE);
                System.out.print(r.describe("expensive"));
                System.out.printf("expensive_answered: %d%nexpensive_busy: %d%nexpensive_peak_rss_mb: %d%n",
                        senders.answered.get(), senders.busy.get(), peak.bytes() >> 20);
                target("with " + expensive + " expensive-PNG clients: normal p99 <= 1 s", r.p99Millis() <= 1000
                        && r.failed() == 0 && r.wrong() == 0);
                target("with " + expensive + " expensive-PNG clients: RSS <= 1 GB", peak.bytes() <= 1L << 30);
            }

            List<String> wrong = badRequests();
            System.out.printf("bad_requests: %d%nbad_requests_wrongly_answered: %d%n",
                    HostileClients.badRequests().size(), wrong.size());
            wrong.forEach(w -> System.out.println("  " + w));
            target("every bad request: JSON error with the right status", wrong.isEmpty());

            mixedBurst(slow, expensive, dear, burst, startRss);
            System.out.println();
            verdicts.forEach(System.out::println);
            return passed;
        }

        private List<String> badRequests() {
            List<String> wrong = new ArrayList<>();
            for (HostileClients.BadRequest bad : HostileClients.badRequests()) {
                String problem = HostileClients.check(base, bad);
                if (problem != null) {
                    wrong.add(problem);
                }
            }
            return wrong;
        }

        private void mixedBurst(int slow, int expensive, byte[] dear, Duration burst, long startRss)
                throws IOException, InterruptedException {
            long peakBytes;
            LatencyProbe.Result r;
            try (PeakRss peak = new PeakRss(server);
                 HostileClients.SlowLoris loris = new HostileClients.SlowLoris(base, slow);
                 HostileClients.Senders senders = new HostileClients.Senders(predict, dear, expensive)) {
                ScheduledExecutorService bad = Executors.newSingleThreadScheduledExecutor();
                bad.scheduleWithFixedDelay(this::badRequests, 0, 1, TimeUnit.SECONDS);
                r = normal.run(clients, burst, Integer.MAX_VALUE);
                bad.shutdownNow();
                bad.awaitTermination(30, TimeUnit.SECONDS);
                peakBytes = peak.bytes();
            }
            System.out.print(r.describe("burst"));
            System.out.printf("burst_peak_rss_mb: %d%n", peakBytes >> 20);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60), rss = server.residentBytes();
            long waited = 0;
            while (rss > startRss * 1.2 && System.nanoTime() < deadline) {
                Thread.sleep(1_000);
                waited++;
                rss = server.residentBytes();
            }
            System.out.printf("rss_after_burst_mb: %d%nrss_recovery_seconds: %d%n", rss >> 20, waited);
            target("after the burst: RSS back within 20% of the start within 60 s", rss <= startRss * 1.2);
            target("burst: no wrong answers", r.wrong() == 0);
        }

        private void target(String what, boolean ok) {
            verdicts.add((ok ? "PASS  " : "FAIL  ") + what);
            passed &= ok;
        }
    }

    /** The server's peak resident memory while open, sampled every 100 ms. */
    private static final class PeakRss implements AutoCloseable {
        private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        private final AtomicLong peak = new AtomicLong();

        PeakRss(ServerProcess server) {
            sampler.scheduleAtFixedRate(() -> {
                try {
                    peak.accumulateAndGet(server.residentBytes(), Math::max);
                } catch (IOException e) {
                    // the server went away; the phase will say so
                }
            }, 0, 100, TimeUnit.MILLISECONDS);
        }

        long bytes() {
            return peak.get();
        }

        @Override
        public void close() {
            sampler.shutdownNow();
        }
    }

    /** A hand-written 4, dark ink on white paper, as a phone would photograph it. */
    static byte[] ordinaryDigit() throws IOException {
        BufferedImage image = new BufferedImage(240, 240, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 240, 240);
        g.setColor(new Color(30, 30, 40));
        g.setStroke(new BasicStroke(18, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.drawLine(150, 40, 60, 150);
        g.drawLine(60, 150, 190, 150);
        g.drawLine(150, 40, 150, 210);
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        return png.toByteArray();
    }

}

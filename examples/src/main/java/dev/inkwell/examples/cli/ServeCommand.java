package dev.inkwell.examples.cli;

import dev.inkwell.examples.server.DigitServer;
import dev.inkwell.mnist.image.DigitPreprocessor;
import dev.inkwell.model.Predictor;
import dev.inkwell.nn.ComputeContext;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/** {@code inkwell serve}: the draw-a-digit page and the JSON API, on Jetty. */
public final class ServeCommand {
    static final String USAGE = """
            Usage: inkwell serve [options]
            Serves a page to draw digits on and a JSON API (POST /api/predict, GET /api/health, GET /api/model).
              --model FILE         model file (default: the pretrained model in this jar)
              --host ADDRESS       address to listen on (default 127.0.0.1: this machine only)
              --port N             port (default 8080; 0 picks a free one)
              --allowed-host NAMES host names to answer besides localhost, 127.0.0.1 and [::1],
                                   comma-separated (for a server reached by name or LAN address)
              --max-concurrent N   requests worked on at once; the next 256 wait up to 2 s, then 503
                                   (default: twice the processors, at least 4)
              --max-body-mb N      largest request body in MB (default 5)
            The launcher gives serve a 512 MB heap (INKWELL_JAVA_OPTS=-Xmx... changes it); a third of the
            heap is the budget of the image decodes in flight.
            """;

    private ServeCommand() {
    }

    public static void main(String[] args) {
        System.exit(CommandLine.run(ServeCommand::run, USAGE, args));
    }

    static int run(String[] args) throws UsageException, IOException {
        Options o = new Options(args, Set.of("model", "host", "port", "allowed-host", "max-concurrent", "max-body-mb"),
                Set.of());
        if (o.help()) {
            System.out.print(USAGE);
            return 0;
        }
        if (!o.positional().isEmpty()) {
            throw new UsageException("unexpected argument '" + o.positional().get(0) + "'");
        }
        DigitServer.Limits defaults = DigitServer.Limits.defaults();
        String hosts = o.string("allowed-host", "");
        DigitServer.Limits limits = defaults.withMaxBodyBytes(o.integer("max-body-mb", 5, 1, 100) << 20)
                .withMaxConcurrent(o.integer("max-concurrent", defaults.maxConcurrent(), 1, 1_000))
                .withAllowedHosts(hosts.isBlank() ? List.of() : List.of(hosts.split("\\s*,\\s*")));
        Predictor predictor = Predictor.of(DefaultModel.requireDigitInput(
                DefaultModel.load(o.path("model"), ComputeContext.withThreads(1), 1), o.path("model"), "serve"));
        InetSocketAddress address = new InetSocketAddress(o.string("host", "127.0.0.1"), o.integer("port", 8080, 0, 65_535));
        if (address.isUnresolved()) {
            throw new UsageException("--host '" + address.getHostString() + "' is not an address of this machine");
        }
        DigitServer server;
        try {
            server = DigitServer.start(address, predictor, new DigitPreprocessor(), limits,
                    DefaultModel.name(o.path("model")));
        } catch (java.net.BindException e) {
            throw new IOException(address + ": cannot listen there (" + e.getMessage() + "); try another --port");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        System.out.printf("Serving %s on http://%s:%d/ (Ctrl-C stops)%n", DefaultModel.name(o.path("model")),
                address.getHostString(), server.port());
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}

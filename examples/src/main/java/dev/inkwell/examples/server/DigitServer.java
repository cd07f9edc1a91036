package dev.inkwell.examples.server;

import dev.inkwell.mnist.image.DigitPreprocessor;
import dev.inkwell.model.Predictor;
import org.eclipse.jetty.server.ConnectionLimit;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.QoSHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The recogniser over HTTP, on Jetty. Requests pass, in order: the {@link RequestGate} (Host allow-list,
 * body read without a thread and within its size limit), a {@link QoSHandler} that lets {@code maxConcurrent}
 * requests work at once and queues the next {@code maxQueued} (each for at most {@code queueWait}; past either
 * bound, 503 with Retry-After), then {@link DigitApi}, whose decodes share a {@link DecodeBudget}. Idle
 * connections hold no thread, and are cut after the idle timeout (sooner when the connection limit is reached);
 * headers are limited to 8 KiB (431); bodies that arrive slower than 1 KiB/s are cut off (408).
 */
public final class DigitServer implements AutoCloseable {
    /** Jetty's loggers; held so that the level set on them is not lost when they are collected. */
    private static final Logger JETTY_LOG = Logger.getLogger("org.eclipse.jetty");

    /**
     * What the server accepts and how much it works at once.
     *
     * @param maxBodyBytes largest request body
     * @param maxConcurrent requests worked on at once
     * @param maxQueued requests waiting for a turn; more get 503
     * @param queueWait longest wait for a turn before a 503
     * @param idleTimeout how long a connection may stay silent, mid-request included
     * @param maxConnections open connections at most; at the limit, idle ones are cut after a second
     * @param decodeBudgetBytes memory all image decodes in flight may hold together
     * @param allowedHosts Host names answered besides the loopback names
     */
    public record Limits(int maxBodyBytes, int maxConcurrent, int maxQueued, Duration queueWait, Duration idleTimeout,
                         int maxConnections, long decodeBudgetBytes, List<String> allowedHosts) {
        /**
         * The defaults: 5 MB bodies, two requests a processor at once, 256 waiting up to 2 s, 10 s idle
         * timeout, 2,000 connections, a third of the heap for decoding.
         *
         * @return the defaults
         */
        public static Limits defaults() {
            return new Limits(5 << 20, Math.max(4, 2 * Runtime.getRuntime().availableProcessors()), 256,
                    Duration.ofSeconds(2), Duration.ofSeconds(10), 2_000, Runtime.getRuntime().maxMemory() / 3,
                    List.of());
        }

        /**
         * These limits with another body size.
         *
         * @param bytes the largest body
         * @return the limits
         */
        public Limits withMaxBodyBytes(int bytes) {
            return new Limits(bytes, maxConcurrent, maxQueued, queueWait, idleTimeout, maxConnections,
                    decodeBudgetBytes, allowedHosts);
        }

        /**
         * These limits with another number of requests at once.
         *
         * @param requests requests worked on at once
         * @return the limits
         */
        public Limits withMaxConcurrent(int requests) {
            return new Limits(maxBodyBytes, requests, maxQueued, queueWait, idleTimeout, maxConnections,
                    decodeBudgetBytes, allowedHosts);
        }

        /**
         * These limits answering more host names.
         *
         * @param hosts the names
         * @return the limits
         */
        public Limits withAllowedHosts(List<String> hosts) {
            return new Limits(maxBodyBytes, maxConcurrent, maxQueued, queueWait, idleTimeout, maxConnections,
                    decodeBudgetBytes, List.copyOf(hosts));
        }

        /**
         * These limits with another idle timeout.
         *
         * @param timeout the idle timeout
         * @return the limits
         */
        public Limits withIdleTimeout(Duration timeout) {
            return new Limits(maxBodyBytes, maxConcurrent, maxQueued, queueWait, timeout, maxConnections,
                    decodeBudgetBytes, allowedHosts);
        }
    }

    private final Server server;
    private final ServerConnector connector;

    private DigitServer(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    /**
     * Starts serving on {@code address} (port 0: any free port).
     *
     * @param address where to listen
     * @param predictor the model
     * @param preprocessor turns images into the model's input
     * @param limits what the server accepts
     * @param modelName the model's name, shown by the page ({@code /api/model} keeps only its last part)
     * @return the running server
     * @throws IOException if the server cannot listen there
     */
    public static DigitServer start(InetSocketAddress address, Predictor predictor, DigitPreprocessor preprocessor,
                                    Limits limits, String modelName) throws IOException {
        JETTY_LOG.setLevel(Level.WARNING);
        // the QoSHandler bounds the work; the pool's own queue only holds I/O tasks, so it is left unbounded
        QueuedThreadPool threads = new QueuedThreadPool(limits.maxConcurrent() + 16, 4);
        threads.setName("inkwell-http");
        threads.setDaemon(true);
        Server server = new Server(threads);

        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setRequestHeaderSize(8 << 10);
        http.setIdleTimeout(limits.idleTimeout().toMillis());
        http.setMinRequestDataRate(1 << 10);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(address.getHostString());
        connector.setPort(address.getPort());
        connector.setIdleTimeout(limits.idleTimeout().toMillis());
        server.addConnector(connector);
        ConnectionLimit connectionLimit = new ConnectionLimit(limits.maxConnections(), server);
        connectionLimit.setIdleTimeout(1_000);
        server.addBean(connectionLimit);

        QoSHandler queue = new QoSHandler(new DigitApi(predictor, preprocessor,
                new DecodeBudget(limits.decodeBudgetBytes()), modelName));
        queue.setMaxRequestCount(limits.maxConcurrent());
        queue.setMaxSuspendedRequestCount(limits.maxQueued());
        queue.setMaxSuspend(limits.queueWait());
        server.setHandler(new GracefulHandler(new RequestGate(new AllowedHosts(limits.allowedHosts()),
                limits.maxBodyBytes(), queue)));
        server.setErrorHandler(new JsonErrorHandler());
        server.setStopTimeout(5_000);
        try {
            server.start();
        } catch (IOException e) {
            stopQuietly(server);
            throw e;
        } catch (Exception e) {
            stopQuietly(server);
            throw new IOException("cannot start the server on " + address + ": " + e.getMessage(), e);
        }
        return new DigitServer(server, connector);
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception ignored) {
            // it did not start; there is nothing to stop
        }
    }

    /**
     * The port the server listens on.
     *
     * @return the port
     */
    public int port() {
        return connector.getLocalPort();
    }

    /** Stops taking connections, lets the requests in flight finish (up to 5 s), then stops. */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            Logger.getLogger(DigitServer.class.getName()).log(Level.WARNING, "stopping the server", e);
        }
    }
}

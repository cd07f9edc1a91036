package dev.inkwell.examples.server;

import dev.inkwell.examples.json.Json;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.inkwell.mnist.GreyImages;
import dev.inkwell.mnist.image.DigitPreprocessor;
import dev.inkwell.mnist.image.ImageFormatException;
import dev.inkwell.mnist.image.NoDigitException;
import dev.inkwell.model.Prediction;
import dev.inkwell.model.Predictor;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The recogniser over HTTP, on the JDK's built-in server: the draw-a-digit page at {@code /}, and a
 * JSON API ({@code POST /api/predict}, {@code GET /api/health}, {@code GET /api/model}). Bodies are
 * capped, slow clients are cut off, and requests beyond the concurrency limit get 503 at once; every
 * failure is a JSON error with a 4xx status (5xx only for a bug, never with a stack trace).
 */
public final class DigitServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(DigitServer.class.getName());
    static final String PAGE = "/dev/inkwell/examples/web/index.html";
    private static final Pattern IMAGE_JSON = Pattern.compile(
            "\\s*\\{\\s*\"image\"\\s*:\\s*\"data:image/[a-z0-9.+-]+;base64,([A-Za-z0-9+/=]*+)\"\\s*}\\s*");

    /**
     * Seconds a client may take to send its whole request. The JDK's server reads this setting once per
     * JVM, so it is one value for every server in the process ({@code -Dsun.net.httpserver.maxReqTime}
     * overrides it).
     */
    static final int READ_TIMEOUT_SECONDS = 10;

    /** How much the server accepts: body size, concurrent requests, worker threads. */
    public record Limits(int maxBodyBytes, int maxConcurrent, int threads) {
        public static Limits defaults() {
            return new Limits(5 << 20, 32, Math.max(4, Runtime.getRuntime().availableProcessors() * 2));
        }
    }

    private final HttpServer server;
    private final ExecutorService workers;
    private final Predictor predictor;
    private final DigitPreprocessor preprocessor;
    private final Limits limits;
    private final Semaphore permits;
    private final byte[] page;
    private final String modelJson;

    private DigitServer(HttpServer server, ExecutorService workers, Predictor predictor, DigitPreprocessor preprocessor,
                        Limits limits, byte[] page, String modelName) {
        this.server = server;
        this.workers = workers;
        this.predictor = predictor;
        this.preprocessor = preprocessor;
        this.limits = limits;
        this.permits = new Semaphore(limits.maxConcurrent());
        this.page = page;
        this.modelJson = modelJson(predictor, modelName);
    }

    private static byte[] page() throws IOException {
        try (InputStream in = DigitServer.class.getResourceAsStream(PAGE)) {
            if (in == null) {
                throw new IOException("this build has no web page (" + PAGE + ")");
            }
            return in.readAllBytes();
        }
    }

    /** Starts serving on {@code address} (port 0: any free port). */
    public static DigitServer start(InetSocketAddress address, Predictor predictor, DigitPreprocessor preprocessor,
                             Limits limits, String modelName) throws IOException {
        byte[] page = page();
        // The JDK server reads these once, when its first instance is made: a client that has not sent
        // its whole request in time is disconnected instead of holding a connection forever, and
        // without TCP_NODELAY every small response would wait for the client's delayed ACK (40 ms).
        setIfAbsent("sun.net.httpserver.maxReqTime", Integer.toString(READ_TIMEOUT_SECONDS));
        setIfAbsent("sun.net.httpserver.maxRspTime", Integer.toString(4 * READ_TIMEOUT_SECONDS));
        setIfAbsent("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(address, 64);
        AtomicInteger count = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(limits.threads(), r -> {
            Thread t = new Thread(r, "inkwell-http-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(workers);
        DigitServer s = new DigitServer(server, workers, predictor, preprocessor, limits, page, modelName);
        server.createContext("/", s::handle);
        server.start();
        return s;
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }

    private void handle(HttpExchange exchange) {
        try (exchange) {
            if (!permits.tryAcquire()) {
                send(exchange, 503, error("the server is busy; try again in a moment"));
                return;
            }
            try {
                route(exchange);
            } finally {
                permits.release();
            }
        } catch (IOException e) {
            LOG.fine(() -> "client went away: " + e.getMessage()); // nothing left to answer to
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "bug while answering " + exchange.getRequestURI(), e);
            try {
                send(exchange, 500, error("internal error"));
            } catch (IOException | RuntimeException ignored) {
                // the response may have started already; the connection is closed either way
            }
        }
    }

    private void route(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        switch (path) {
            case "/", "/index.html" -> {
                if (allow(ex, "GET")) {
                    ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                    ex.getResponseHeaders().set("Content-Security-Policy",
                            "default-src 'self'; img-src 'self' data: blob:; style-src 'unsafe-inline'; "
                                    + "script-src 'unsafe-inline'");
                    sendBytes(ex, 200, page);
                }
            }
            case "/api/health" -> {
                if (allow(ex, "GET")) {
                    send(ex, 200, "{\"status\":\"ok\"}");
                }
            }
            case "/api/model" -> {
                if (allow(ex, "GET")) {
                    send(ex, 200, modelJson);
                }
            }
            case "/api/predict" -> {
                if (allow(ex, "POST")) {
                    predict(ex);
                }
            }
            default -> send(ex, 404, error("no such page: " + path));
        }
    }

    private boolean allow(HttpExchange ex, String method) throws IOException {
        if (ex.getRequestMethod().equals(method)) {
            return true;
        }
        ex.getResponseHeaders().set("Allow", method);
        send(ex, 405, error(ex.getRequestMethod() + " is not allowed here; use " + method));
        return false;
    }

    private void predict(HttpExchange ex) throws IOException {
        byte[] body = readBody(ex);
        if (body == null) {
            return;
        }
        String type = contentType(ex);
        byte[] image;
        if (type.equals("application/json")) {
            image = imageFromJson(new String(body, StandardCharsets.UTF_8));
            if (image == null) {
                send(ex, 400, error("expected JSON {\"image\": \"data:image/png;base64,...\"}"));
                return;
            }
        } else if (type.startsWith("image/") || type.equals("application/octet-stream") || type.isEmpty()) {
            image = body;
        } else {
            send(ex, 415, error("send an image (image/png, image/jpeg, ...) or JSON with a data URL, not " + type));
            return;
        }
        byte[] digit;
        try {
            digit = preprocessor.read(image, "the image");
        } catch (NoDigitException e) {
            send(ex, 422, error(e.getMessage()));
            return;
        } catch (ImageFormatException e) {
            send(ex, 400, error(e.getMessage()));
            return;
        }
        send(ex, 200, predictionJson(predictor.predict(digit), digit));
    }

    /** The body, or null after answering 413 when it is larger than the limit. */
    private byte[] readBody(HttpExchange ex) throws IOException {
        String declared = ex.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            long length;
            try {
                length = Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                send(ex, 400, error("Content-Length '" + declared + "' is not a number"));
                return null;
            }
            if (length > limits.maxBodyBytes()) {
                send(ex, 413, error(tooLarge()));
                return null;
            }
        }
        byte[] body = ex.getRequestBody().readNBytes(limits.maxBodyBytes() + 1);
        if (body.length > limits.maxBodyBytes()) {
            send(ex, 413, error(tooLarge()));
            return null;
        }
        return body;
    }

    private String tooLarge() {
        return String.format(Locale.ROOT, "the body is larger than the limit of %,d bytes", limits.maxBodyBytes());
    }

    private static String contentType(HttpExchange ex) {
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        if (type == null) {
            return "";
        }
        int semicolon = type.indexOf(';');
        return (semicolon >= 0 ? type.substring(0, semicolon) : type).trim().toLowerCase(Locale.ROOT);
    }

    static String predictionJson(Prediction p, byte[] digit) {
        StringBuilder probabilities = new StringBuilder();
        float[] all = p.probabilities();
        for (int k = 0; k < all.length; k++) {
            probabilities.append(k == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.6f", all[k]));
        }
        return String.format(Locale.ROOT,
                "{\"digit\":%d,\"label\":%s,\"confidence\":%.6f,\"probabilities\":[%s],\"image\":%s}",
                p.best(), Json.string(p.label()), p.confidence(), probabilities, Json.string(pngDataUrl(digit)));
    }

    /** The 28x28 input as a PNG data URL, for the page to show what the network saw. */
    private static String pngDataUrl(byte[] digit) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(GreyImages.png(digit, 28, 28));
    }

    private static String modelJson(Predictor predictor, String modelName) {
        StringBuilder classes = new StringBuilder();
        for (String c : predictor.classNames()) {
            classes.append(classes.length() == 0 ? "" : ",").append(Json.string(c));
        }
        StringBuilder info = new StringBuilder();
        for (Map.Entry<String, String> e : predictor.model().info().entrySet()) {
            info.append(info.length() == 0 ? "" : ",").append(Json.string(e.getKey())).append(':')
                    .append(Json.string(e.getValue()));
        }
        return "{\"name\":" + Json.string(modelName) + ",\"architecture\":"
                + Json.string(predictor.model().architecture()) + ",\"summary\":"
                + Json.string(predictor.model().network().summary()) + ",\"classes\":[" + classes + "],\"info\":{"
                + info + "}}";
    }

    static String error(String message) {
        return "{\"error\":" + Json.string(message) + "}";
    }

    private static void send(HttpExchange ex, int status, String json) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        sendBytes(ex, status, json.getBytes(StandardCharsets.UTF_8));
    }

    private static void sendBytes(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    /** The image in a JSON body {@code {"image": "data:image/...;base64,..."}}, or null if it is not that. */
    static byte[] imageFromJson(String json) {
        Matcher m = IMAGE_JSON.matcher(json);
        if (!m.matches()) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(m.group(1));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}

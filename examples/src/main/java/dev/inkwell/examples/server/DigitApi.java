package dev.inkwell.examples.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inkwell.mnist.GreyImages;
import dev.inkwell.mnist.image.DigitPreprocessor;
import dev.inkwell.mnist.image.ImageFormatException;
import dev.inkwell.mnist.image.NoDigitException;
import dev.inkwell.mnist.reader.DigitReader;
import dev.inkwell.examples.json.Json;
import dev.inkwell.examples.json.Readings;
import dev.inkwell.model.Prediction;
import dev.inkwell.model.Predictor;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pages and the JSON API: {@code GET /} (the draw-a-digit page, its script and style), {@code POST
 * /api/predict} (one digit), {@code POST /api/read} (a whole number), {@code GET /api/health}, {@code GET
 * /api/model}. Each image's decode first takes its share of the {@link DecodeBudget}.
 */
final class DigitApi extends Handler.Abstract {
    private static final String WEB = "/dev/inkwell/examples/web/";
    private static final Pattern DATA_URL = Pattern.compile("data:image/[a-z0-9.+-]+;base64,(.*)", Pattern.DOTALL);

    private final Predictor predictor;
    private final DigitPreprocessor preprocessor;
    private final DigitReader reader;
    private final DecodeBudget budget;
    private final Map<String, StaticFile> files;
    private final byte[] modelJson;

    private record StaticFile(String contentType, byte[] bytes) {
    }

    DigitApi(Predictor predictor, DigitPreprocessor preprocessor, DecodeBudget budget, String modelName) {
        this.predictor = predictor;
        this.preprocessor = preprocessor;
        this.reader = DigitReader.of(predictor, preprocessor);
        this.budget = budget;
        StaticFile page = resource("index.html", "text/html; charset=utf-8");
        this.files = Map.of("/", page, "/index.html", page,
                "/app.js", resource("app.js", "text/javascript; charset=utf-8"),
                "/style.css", resource("style.css", "text/css; charset=utf-8"));
        this.modelJson = Responses.bytes(modelDescription(predictor, modelName));
    }

    private static StaticFile resource(String name, String contentType) {
        try (InputStream in = DigitApi.class.getResourceAsStream(WEB + name)) {
            if (in == null) {
                throw new IllegalStateException("this build has no " + WEB + name);
            }
            return new StaticFile(contentType, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = request.getHttpURI().getPath();
        StaticFile file = files.get(path);
        if (file != null) {
            if (allow(request, response, callback, "GET")) {
                Responses.send(response, HttpStatus.OK_200, file.contentType(), file.bytes(), callback);
            }
            return true;
        }
        switch (path) {
            case "/api/health" -> {
                if (allow(request, response, callback, "GET")) {
                    Responses.json(response, HttpStatus.OK_200, Map.of("status", "ok"), callback);
                }
            }
            case "/api/model" -> {
                if (allow(request, response, callback, "GET")) {
                    Responses.send(response, HttpStatus.OK_200, "application/json; charset=utf-8", modelJson, callback);
                }
            }
            case "/api/predict" -> {
                if (allow(request, response, callback, "POST")) {
                    recognise(request, response, callback, image -> {
                        byte[] digit = preprocessor.read(image, "the image");
                        return predictionBody(predictor.predict(digit), digit);
                    });
                }
            }
            case "/api/read" -> {
                if (allow(request, response, callback, "POST")) {
                    recognise(request, response, callback, image -> Readings.of(reader.readNumber(image, "the image")));
                }
            }
            default -> Responses.error(response, HttpStatus.NOT_FOUND_404, "no such page: " + path, callback);
        }
        return true;
    }

    private static boolean allow(Request request, Response response, Callback callback, String method) {
        if (request.getMethod().equals(method)) {
            return true;
        }
        response.getHeaders().put(HttpHeader.ALLOW, method);
        Responses.error(response, HttpStatus.METHOD_NOT_ALLOWED_405,
                request.getMethod() + " is not allowed here; use " + method, callback);
        return false;
    }

    /** What the API makes of an image: the JSON body of the answer. */
    private interface Recognition {
        Object apply(byte[] image) throws ImageFormatException, NoDigitException;
    }

    /** Answers with {@code recognition} of the posted image, within the decode budget. */
    private void recognise(Request request, Response response, Callback callback, Recognition recognition) {
        byte[] image = postedImage(request, response, callback);
        if (image == null) {
            return;
        }
        try {
            long cost = preprocessor.workingBytes(image, "the image");
            // no wait: a request waiting for memory would hold a turn that a cheap request could use
            if (!budget.take(cost)) {
                Responses.error(response, HttpStatus.SERVICE_UNAVAILABLE_503,
                        "the server is busy decoding other images; try again in a moment", callback);
                return;
            }
            Object body;
            try {
                body = recognition.apply(image);
            } finally {
                budget.give(cost);
            }
            Responses.json(response, HttpStatus.OK_200, body, callback);
        } catch (NoDigitException e) {
            Responses.error(response, HttpStatus.UNPROCESSABLE_ENTITY_422, e.getMessage(), callback);
        } catch (ImageFormatException e) {
            Responses.error(response, HttpStatus.BAD_REQUEST_400, e.getMessage(), callback);
        }
    }

    /** The image a request carries, as its body or as a data URL in JSON; null after answering if it has none. */
    private static byte[] postedImage(Request request, Response response, Callback callback) {
        byte[] body = (byte[]) request.getAttribute(RequestGate.BODY);
        String type = contentType(request);
        if (type.equals("application/json")) {
            byte[] image = imageFromJson(body);
            if (image == null) {
                Responses.error(response, HttpStatus.BAD_REQUEST_400,
                        "expected JSON {\"image\": \"data:image/png;base64,...\"}", callback);
            }
            return image;
        }
        if (type.startsWith("image/") || type.equals("application/octet-stream") || type.isEmpty()) {
            return body;
        }
        Responses.error(response, HttpStatus.UNSUPPORTED_MEDIA_TYPE_415,
                "send an image (image/png, image/jpeg, ...) or JSON with a data URL, not " + type, callback);
        return null;
    }

    private static String contentType(Request request) {
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (type == null) {
            return "";
        }
        int semicolon = type.indexOf(';');
        return (semicolon >= 0 ? type.substring(0, semicolon) : type).trim().toLowerCase(Locale.ROOT);
    }

    /** The image in a JSON body {@code {"image": "data:image/...;base64,..."}}, or null if it is not that. */
    static byte[] imageFromJson(byte[] json) {
        try {
            JsonNode image = Json.read(json).path("image");
            Matcher m = DATA_URL.matcher(image.isTextual() ? image.textValue() : "");
            return m.matches() ? Base64.getDecoder().decode(m.group(1)) : null;
        } catch (IOException | IllegalArgumentException e) { // not JSON, or not base64
            return null;
        }
    }

    static Map<String, Object> predictionBody(Prediction p, byte[] digit) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("digit", p.best());
        body.put("label", p.label());
        body.put("confidence", p.confidence());
        List<Float> probabilities = new ArrayList<>();
        for (float q : p.probabilities()) {
            probabilities.add(q);
        }
        body.put("probabilities", probabilities);
        // the 28x28 input the network saw, for the page to show
        body.put("image", "data:image/png;base64," + Base64.getEncoder().encodeToString(GreyImages.png(digit, 28, 28)));
        return body;
    }

    /** What {@code /api/model} says: names and figures, never a path on this machine. */
    private static Map<String, Object> modelDescription(Predictor predictor, String modelName) {
        Map<String, String> info = new LinkedHashMap<>();
        predictor.model().info().forEach((key, value) -> info.put(key, withoutFolders(value)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", withoutFolders(modelName));
        body.put("architecture", predictor.model().architecture());
        body.put("summary", predictor.model().network().summary());
        body.put("classes", predictor.classNames());
        body.put("info", info);
        return body;
    }

    /** A value that is an absolute path, reduced to its last name. */
    static String withoutFolders(String value) {
        boolean absolute = value.startsWith("/") || value.startsWith("\\") || value.matches("[A-Za-z]:[\\\\/].*");
        if (!absolute) {
            return value;
        }
        String[] parts = value.split("[\\\\/]+");
        return parts.length == 0 ? "" : parts[parts.length - 1];
    }
}

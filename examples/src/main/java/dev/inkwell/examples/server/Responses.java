package dev.inkwell.examples.server;

import dev.inkwell.examples.json.Json;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.util.Map;

/** How every response leaves the server: its security headers, JSON bodies ({@link Json}). */
final class Responses {
    /**
     * The page's policy: scripts, styles and requests only from this server, no inline code, images also as
     * data URLs (the 28x28 input the API sends back), never inside a frame.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private Responses() {
    }

    /** The headers every response carries, errors included. */
    static void secure(Response response) {
        var headers = response.getHeaders();
        headers.put(HttpHeader.CACHE_CONTROL, "no-store");
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("X-Frame-Options", "DENY");
        headers.put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    }

    static void send(Response response, int status, String contentType, byte[] body, Callback callback) {
        secure(response);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    static void json(Response response, int status, Object body, Callback callback) {
        send(response, status, "application/json; charset=utf-8", bytes(body), callback);
    }

    /** An error as {@code {"error": message}}; a 503 also says when to come back. */
    static void error(Response response, int status, String message, Callback callback) {
        if (status == 503) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
        }
        json(response, status, errorBody(message), callback);
    }

    static Map<String, String> errorBody(String message) {
        return Map.of("error", message);
    }

    static byte[] bytes(Object body) {
        return Json.bytes(body);
    }
}

package dev.inkwell.examples.server;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The errors Jetty answers itself — a malformed request, headers too large (431), a request refused while
 * queued (503), an unknown protocol version (505), a bug that escaped a handler (500) — as the same JSON the API sends, never an HTML page.
 * A 500 is logged with its stack trace; the client is told only that it happened.
 */
final class JsonErrorHandler extends ErrorHandler {
    private static final Logger LOG = Logger.getLogger(JsonErrorHandler.class.getName());

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        if (code == HttpStatus.INTERNAL_SERVER_ERROR_500 && cause != null && !(cause instanceof IOException)) {
            // a bug (those caught by the RequestGate are logged there, and come without a cause); a client
            // that closed its connection mid-request (an IOException here) is not one
            LOG.log(Level.SEVERE, "error " + code + " answering " + request.getMethod() + " "
                    + request.getHttpURI().getPath(), cause);
        }
        Responses.error(response, code, text(code, message), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        fields.put(HttpHeader.CACHE_CONTROL, "no-store");
        return ByteBuffer.wrap(Responses.bytes(Responses.errorBody(text(status, reason))));
    }

    private static String text(int code, String message) {
        if (code == HttpStatus.INTERNAL_SERVER_ERROR_500) {
            return "internal error";
        }
        if (code == HttpStatus.SERVICE_UNAVAILABLE_503) {
            return "the server is busy; try again in a moment";
        }
        return message == null || message.isBlank() ? HttpStatus.getMessage(code) : message;
    }
}

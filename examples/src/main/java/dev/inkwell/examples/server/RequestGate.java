package dev.inkwell.examples.server;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What a request passes before it may cost anything: a Host the server answers to, and a whole body within
 * the size limit. The body is read without holding a thread — a client that sends it slowly, or never,
 * holds only its connection until the idle timeout (408) — and only then does the request go on to the
 * queue that bounds the work in flight.
 */
final class RequestGate extends Handler.Wrapper {
    private static final Logger LOG = Logger.getLogger(RequestGate.class.getName());
    /** The request attribute holding the body that was read. */
    static final String BODY = RequestGate.class.getName() + ".body";

    /** Bodies declared up to this many times the limit are read and dropped before the 413. */
    static final int DRAINED_BODIES = 4;

    private final AllowedHosts hosts;
    private final int maxBodyBytes;

    RequestGate(AllowedHosts hosts, int maxBodyBytes, Handler next) {
        super(next);
        this.hosts = hosts;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String host = hostName(request.getHeaders().get(HttpHeader.HOST));
        if (host != null && !hosts.allows(host)) {
            Responses.error(response, HttpStatus.FORBIDDEN_403, "this server does not answer to the host '" + host
                    + "' (it answers to " + hosts + "; start it with --allowed-host " + host + " to add it)", callback);
            return true;
        }
        if (!HttpMethod.POST.is(request.getMethod()) && !HttpMethod.PUT.is(request.getMethod())) {
            return super.handle(request, response, callback);
        }
        long declared = request.getLength();
        if (declared > maxBodyBytes) {
            if (declared > DRAINED_BODIES * maxBodyBytes || request.getHeaders().contains(HttpHeader.EXPECT)) {
                // answered before the body: a client that waits for 100 Continue sends none
                Responses.error(response, HttpStatus.PAYLOAD_TOO_LARGE_413, tooLarge(), callback);
                return true;
            }
            // read and drop a body a little over the limit (a photo too large), without holding a thread:
            // closing on unread bytes would reset the connection and lose the 413 before the client reads it
            Content.Source.consumeAll(request, Callback.from(
                    () -> Responses.error(response, HttpStatus.PAYLOAD_TOO_LARGE_413, tooLarge(), callback),
                    failure -> refuse(request, response, callback, failure)));
            return true;
        }
        Content.Source.asByteArrayAsync(request, maxBodyBytes).whenComplete((body, failure) -> {
            if (failure != null) {
                refuse(request, response, callback, failure);
                return;
            }
            request.setAttribute(BODY, body);
            forward(request, response, callback);
        });
        return true;
    }

    private void forward(Request request, Response response, Callback callback) {
        try {
            if (!super.handle(request, response, callback)) {
                Responses.error(response, HttpStatus.NOT_FOUND_404, "no such page: " + request.getHttpURI().getPath(),
                        callback);
            }
        } catch (Throwable t) {
            LOG.log(Level.SEVERE, "bug while answering " + request.getMethod() + " " + request.getHttpURI().getPath(), t);
            Response.writeError(request, response, callback, HttpStatus.INTERNAL_SERVER_ERROR_500, "internal error");
        }
    }

    /** Answers a body that could not be read: too large, too slow, or cut off (then nobody hears it). */
    private void refuse(Request request, Response response, Callback callback, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof TimeoutException) {
            Responses.error(response, HttpStatus.REQUEST_TIMEOUT_408, "the body did not arrive in time", callback);
        } else if (cause instanceof IllegalArgumentException || Request.getContentBytesRead(request) > maxBodyBytes) {
            Responses.error(response, HttpStatus.PAYLOAD_TOO_LARGE_413, tooLarge(), callback);
        } else {
            LOG.fine(() -> "body not read: " + cause);
            Response.writeError(request, response, callback, cause);
        }
    }

    private String tooLarge() {
        return String.format(Locale.ROOT, "the body is larger than the limit of %,d bytes", maxBodyBytes);
    }

    /** The host of a Host header, without its port; null without one. */
    static String hostName(String header) {
        if (header == null) {
            return null;
        }
        String h = header.trim();
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(0, end + 1);
        }
        int colon = h.lastIndexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }
}

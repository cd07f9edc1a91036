package dev.inkwell.mnist;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * An HTTP(S) mirror laid out like the original distribution: {@code <base>/<file>.gz}. Connection and
 * read timeouts bound every wait, so a stalled server fails instead of hanging, and a response larger
 * than any real dataset file is cut off.
 */
public final class HttpMirrorSource implements DatasetSource {
    /** Larger than any compressed file of the known datasets (the biggest is about 26 MB). */
    private static final long MAX_BYTES = 128L << 20;

    private final URI base;
    private final Dataset only;
    private final Duration timeout;

    /**
     * A mirror at {@code base} for {@code only} (or every dataset when null), with {@code timeout} for
     * connecting and for each read.
     *
     * @param base the mirror's address
     * @param only the dataset, or null
     * @param timeout the connect and read timeout
     */
    public HttpMirrorSource(URI base, Dataset only, Duration timeout) {
        String s = base.toString();
        this.base = URI.create(s.endsWith("/") ? s : s + "/");
        String scheme = this.base.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException("a mirror must be an http or https URL, got " + base);
        }
        this.only = only;
        this.timeout = timeout;
    }

    @Override
    public String describe() {
        return "mirror " + base;
    }

    @Override
    public boolean offers(Dataset dataset) {
        return only == null || only == dataset;
    }

    @Override
    public void fetch(Dataset dataset, Dataset.File file, Path target, FetchProgress progress) throws IOException {
        URL url = base.resolve(file.name() + ".gz").toURL();
        HttpURLConnection c = (HttpURLConnection) url.openConnection();
        c.setConnectTimeout((int) timeout.toMillis());
        c.setReadTimeout((int) timeout.toMillis());
        c.setInstanceFollowRedirects(true);
        try {
            int status = c.getResponseCode();
            if (status != HttpURLConnection.HTTP_OK) {
                throw new IOException("HTTP " + status + " for " + url);
            }
            long expected = c.getContentLengthLong();
            if (expected > MAX_BYTES) {
                throw new IOException(url + " announces " + expected + " bytes, more than a dataset file");
            }
            progress.started(file.name() + ".gz", expected);
            long got = 0;
            try (InputStream in = c.getInputStream(); OutputStream out = Files.newOutputStream(target)) {
                byte[] buf = new byte[1 << 16];
                for (int n; (n = in.read(buf)) >= 0; ) {
                    got += n;
                    if (got > MAX_BYTES) {
                        throw new IOException(url + " sent more than " + MAX_BYTES + " bytes");
                    }
                    out.write(buf, 0, n);
                    progress.advanced(got);
                }
            } catch (SocketTimeoutException e) {
                throw new IOException("no data from " + url + " for " + timeout.toSeconds() + " s after " + got
                        + " bytes", e);
            } catch (IOException e) {
                throw new IOException("download from " + url + " broke off after " + got + " of "
                        + (expected >= 0 ? expected : "?") + " bytes (" + e.getMessage() + ")", e);
            } finally {
                progress.finished();
            }
            if (expected >= 0 && got != expected) {
                throw new IOException("response from " + url + " cut after " + got + " of " + expected + " bytes");
            }
        } catch (SocketTimeoutException e) {
            throw new IOException("no answer from " + url + " within " + timeout.toSeconds() + " s", e);
        } finally {
            c.disconnect();
        }
    }
}

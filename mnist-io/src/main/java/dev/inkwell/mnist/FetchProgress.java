package dev.inkwell.mnist;

import java.io.PrintStream;

/** Hears about download progress. Implementations must be cheap: they are called per buffer. */
public interface FetchProgress {

    /** No output. */
    FetchProgress NONE = new FetchProgress() {
        @Override
        public void started(String what, long totalBytes) {
        }

        @Override
        public void advanced(long bytesSoFar) {
        }

        @Override
        public void finished() {
        }
    };

    /**
     * A download of {@code totalBytes} (-1 if unknown) begins.
     *
     * @param what what is downloaded
     * @param totalBytes its size, or -1
     */
    void started(String what, long totalBytes);

    /**
     * Bytes received so far.
     *
     * @param bytesSoFar bytes received
     */
    void advanced(long bytesSoFar);

    /** The download ended, well or not. */
    void finished();

    /**
     * A one-line progress display on stderr when it is a terminal, otherwise nothing.
     *
     * @return the display
     */
    static FetchProgress terminal() {
        return System.console() == null ? NONE : new TerminalProgress(System.err);
    }

    /** Redraws one line with a bar and the byte count, at most every 100 ms. */
    final class TerminalProgress implements FetchProgress {
        private final PrintStream out;
        private String what = "";
        private long total;
        private long lastDraw;

        TerminalProgress(PrintStream out) {
            this.out = out;
        }

        @Override
        public void started(String what, long totalBytes) {
            this.what = what;
            this.total = totalBytes;
            this.lastDraw = 0;
            draw(0);
        }

        @Override
        public void advanced(long bytesSoFar) {
            long now = System.nanoTime();
            if (now - lastDraw > 100_000_000L) {
                lastDraw = now;
                draw(bytesSoFar);
            }
        }

        @Override
        public void finished() {
            out.print("\r\033[K");
            out.flush();
        }

        private void draw(long bytes) {
            String amount = String.format("%.1f MB", bytes / 1e6);
            if (total > 0) {
                int filled = (int) (30 * Math.min(bytes, total) / total);
                amount = "[" + "#".repeat(filled) + " ".repeat(30 - filled) + "] " + amount
                        + String.format(" / %.1f MB", total / 1e6);
            }
            out.print("\r\033[K" + what + " " + amount);
            out.flush();
        }
    }
}

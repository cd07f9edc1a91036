package dev.inkwell.examples.cli;

import java.io.PrintStream;

/** A one-line progress bar with loss, speed and time left, redrawn in place on a terminal; silent otherwise. */
final class Progress {
    private final PrintStream out;
    private final boolean terminal;
    private long started;
    private long lastDraw;

    Progress(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** On stdout when it is a terminal. */
    static Progress forStdout() {
        return new Progress(System.out, System.console() != null);
    }

    void start() {
        started = System.nanoTime();
        lastDraw = 0;
    }

    void update(String label, int done, int total, double loss, int imagesPerStep) {
        if (!terminal) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastDraw < 100_000_000L && done < total) {
            return;
        }
        lastDraw = now;
        double seconds = (now - started) / 1e9;
        double rate = done * imagesPerStep / Math.max(seconds, 1e-9);
        long eta = done == 0 ? 0 : Math.round(seconds * (total - done) / done);
        int width = 30, filled = (int) ((long) width * done / total);
        out.printf("\r\033[K%s [%s%s] %d/%d loss %.4f %,.0f img/s ETA %d:%02d", label, "#".repeat(filled),
                " ".repeat(width - filled), done, total, loss, rate, eta / 60, eta % 60);
        out.flush();
    }

    void clear() {
        if (terminal) {
            out.print("\r\033[K");
            out.flush();
        }
    }
}

package dev.inkwell.mnist.image;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The 8-connected pieces of non-zero ink in a plane, found by flood fill in reading order: the labels
 * (1, 2, ... per pixel, 0 for paper) and whatever a caller gathers about each piece as the fill reaches
 * its pixels, one after another.
 */
final class InkPieces {
    /** Gathers about one piece, pixel by pixel (index y·width + x) in the order the fill reaches them. */
    interface Gatherer<P> {
        void visit(P piece, int pixel);
    }

    private InkPieces() {
    }

    /**
     * Labels the pieces of {@code v} (a {@code w}-wide plane) into {@code label}; element i of the result is
     * what {@code gatherer} gathered about piece i + 1, starting from what {@code fresh} supplies.
     */
    static <P> List<P> label(float[] v, int w, int h, int[] label, Supplier<P> fresh, Gatherer<P> gatherer) {
        int[] queue = new int[v.length];
        List<P> pieces = new ArrayList<>();
        for (int start = 0; start < v.length; start++) {
            if (v[start] == 0f || label[start] != 0) {
                continue;
            }
            P piece = fresh.get();
            pieces.add(piece);
            int id = pieces.size(), head = 0, tail = 0;
            label[start] = id;
            queue[tail++] = start;
            while (head < tail) {
                int p = queue[head++], px = p % w, py = p / w;
                gatherer.visit(piece, p);
                for (int ny = Math.max(0, py - 1); ny <= Math.min(h - 1, py + 1); ny++) {
                    for (int nx = Math.max(0, px - 1); nx <= Math.min(w - 1, px + 1); nx++) {
                        int q = ny * w + nx;
                        if (v[q] != 0f && label[q] == 0) {
                            label[q] = id;
                            queue[tail++] = q;
                        }
                    }
                }
            }
        }
        return pieces;
    }
}

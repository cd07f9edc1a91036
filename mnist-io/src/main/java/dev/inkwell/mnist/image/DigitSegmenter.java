package dev.inkwell.mnist.image;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * Finds the digits of a written number in extracted ink (white on black), left to right. The 8-connected
 * pieces of ink are grouped into digits by how they overlap along the line: the strokes of one digit that do
 * not touch (a 5's flag, a broken 4) lie over each other, neighbouring digits side by side. Specks and
 * stray dots are left out by their size against the digits' typical height (ruled lines are gone already:
 * {@link InkExtractor}). A group
 * wider than a digit is high may hold digits that touch: it may be cut where its columns hold the least ink
 * or cross a single stroke, and a judge of how much each piece looks like a digit (the model's confidence),
 * with how many strokes each cut crosses, picks the reading whose pieces are likeliest together.
 */
final class DigitSegmenter {
    /** Two pieces overlapping along the line by this share of the narrower one belong to one digit ... */
    static final double SAME_DIGIT_OVERLAP = 0.5;
    /** ... or, when both are at least {@link #TALL_PIECE} of the typical height, by this share. */
    static final double SAME_DIGIT_OVERLAP_TALL = 0.8;
    /** A piece this share of the typical piece height is as tall as a digit. */
    static final double TALL_PIECE = 0.6;
    /** A group this many times wider than the typical digit height may hold several touching digits ... */
    static final double MAYBE_TOUCHING_WIDTH = 0.8;
    /** ... and one wider than this does: no digit is that wide. */
    static final double TOUCHING_WIDTH = 1.1;
    /** How fast a digit wider than high becomes implausible (see {@link #widthLikeness}). */
    static final double WIDE_DIGIT_SPREAD = 0.3;
    /**
     * Each piece cut from touching digits counts this much against its cutting: a model reads part of a bold
     * digit confidently as some narrower digit (a 4's stem as a 1), so one more digit must read better to be
     * believed. Chosen among 0.5, 0.65, 0.8 and 0.9 on generated numbers (seed 11 of the reading test).
     */
    static final double PIECE_PRIOR = 0.9;
    /**
     * Each stroke a cut crosses beyond the first counts this much against it: touching digits meet at a point
     * or two, while a cut through one digit crosses two or three strokes (a 0's sides, an 8's loops). Chosen
     * among 0.3, 0.5 and 0.7 on generated numbers (seeds 11, 99 and 123 of the reading test) and on typeset
     * numbers whose digits touch (seed 5): all three cut a fifth more typeset numbers right, and 0.7 kept the
     * most handwritten ones.
     */
    static final double EXTRA_STROKE = 0.7;
    /** No piece cut from touching digits is narrower than this share of the typical height. */
    static final double NARROWEST_DIGIT = 0.15;
    /** Groups lower than this share of the typical height, and light, are dots and specks. */
    static final double SMALL_HEIGHT = 0.3;
    /** ... light meaning under this share of the heaviest group's ink. */
    static final double LIGHT_MASS = 0.15;

    /** One digit's ink, cut out: its box in the plane (inclusive) and a plane of that box holding only its ink. */
    record Segment(int x0, int y0, int x1, int y1, GreyPlane ink) {
    }

    private DigitSegmenter() {
    }

    /**
     * The digits in {@code ink}, left to right; empty when there is no ink. {@code digitLikeness} scores a
     * cut-out piece of ink in [0, 1]: how sure a reader is that it is one digit.
     */
    static List<Segment> segment(GreyPlane ink, ToDoubleFunction<GreyPlane> digitLikeness) {
        int w = ink.width(), h = ink.height();
        int[] label = new int[w * h];
        float[] v = ink.values();
        List<Box> pieces = InkPieces.label(v, w, h, label, Box::new, (box, p) -> box.add(p % w, p / w, v[p]));
        List<Group> groups = group(pieces);
        if (groups.isEmpty()) {
            return List.of();
        }
        double height = typicalHeight(groups);
        double heaviest = groups.stream().mapToDouble(g -> g.box.mass).max().orElse(0);
        groups.removeIf(g -> g.box.height() < SMALL_HEIGHT * height && g.box.mass < LIGHT_MASS * heaviest);
        // from here on a pixel's label is its group's id (0: paper, or a piece left out)
        int[] owner = new int[pieces.size() + 1];
        for (int i = 0; i < groups.size(); i++) {
            groups.get(i).id = i + 1;
            for (int piece : groups.get(i).labels) {
                owner[piece] = i + 1;
            }
        }
        for (int p = 0; p < label.length; p++) {
            label[p] = owner[label[p]];
        }
        List<Segment> segments = new ArrayList<>();
        for (Group g : groups) {
            segments.addAll(cuts(g, ink, label, Math.max(height, g.box.height()), digitLikeness));
        }
        segments.sort(Comparator.comparingDouble(s -> (s.x0() + s.x1()) / 2.0));
        return segments;
    }

    /** A piece of ink or a group of them: its box (inclusive) and mass. */
    private static final class Box {
        int x0 = Integer.MAX_VALUE, y0 = Integer.MAX_VALUE, x1 = -1, y1 = -1;
        double mass;

        int width() {
            return x1 - x0 + 1;
        }

        int height() {
            return y1 - y0 + 1;
        }

        void add(int x, int y, float value) {
            x0 = Math.min(x0, x);
            x1 = Math.max(x1, x);
            y0 = Math.min(y0, y);
            y1 = Math.max(y1, y);
            mass += value;
        }

        void add(Box other) {
            x0 = Math.min(x0, other.x0);
            x1 = Math.max(x1, other.x1);
            y0 = Math.min(y0, other.y0);
            y1 = Math.max(y1, other.y1);
            mass += other.mass;
        }

        /** How far this box and {@code other} overlap along the line, as a share of the narrower. */
        double overlap(Box other) {
            int common = Math.min(x1, other.x1) - Math.max(x0, other.x0) + 1;
            return Math.max(0, common) / (double) Math.min(width(), other.width());
        }
    }

    /** The pieces that make up one digit (or, before it is cut, several touching ones). */
    private static final class Group {
        final Box box = new Box();
        final List<Integer> labels = new ArrayList<>();
        /** Its number once the groups are final, the label its pixels then carry. */
        int id;

        void add(int id, Box piece) {
            labels.add(id);
            box.add(piece);
        }

        void add(Group other) {
            labels.addAll(other.labels);
            box.add(other.box);
        }
    }

    /**
     * Groups overlapping pieces, heaviest first so that a stray mark joins a digit rather than the reverse.
     * Two pieces each as tall as a digit overlap only a little when they are neighbours written close
     * together (slanted, or touching): they join only when one lies almost wholly over the other.
     */
    private static List<Group> group(List<Box> boxes) {
        double heaviest = boxes.stream().mapToDouble(b -> b.mass).max().orElse(0);
        double[] heights = boxes.stream().filter(b -> b.mass >= LIGHT_MASS * heaviest).mapToDouble(Box::height)
                .sorted().toArray();
        double tall = heights.length == 0 ? 0 : TALL_PIECE * heights[heights.length / 2];
        Integer[] order = new Integer[boxes.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> -boxes.get(i).mass));
        List<Group> groups = new ArrayList<>();
        for (int i : order) {
            Box piece = boxes.get(i);
            Group home = null;
            for (Group g : groups) {
                boolean bothTall = piece.height() >= tall && g.box.height() >= tall;
                if (g.box.overlap(piece) >= (bothTall ? SAME_DIGIT_OVERLAP_TALL : SAME_DIGIT_OVERLAP)) {
                    home = g;
                    break;
                }
            }
            if (home == null) {
                home = new Group();
                groups.add(home);
            }
            home.add(i + 1, piece);
        }
        // joining pieces widens groups: merge groups that have come to overlap
        for (boolean merged = true; merged; ) {
            merged = false;
            for (int a = 0; a < groups.size() && !merged; a++) {
                for (int b = a + 1; b < groups.size() && !merged; b++) {
                    if (groups.get(a).box.overlap(groups.get(b).box) >= SAME_DIGIT_OVERLAP) {
                        groups.get(a).add(groups.remove(b));
                        merged = true;
                    }
                }
            }
        }
        return groups;
    }

    /** The median height of the groups that carry a fair share of the ink: the digits' height. */
    private static double typicalHeight(List<Group> groups) {
        double heaviest = groups.stream().mapToDouble(g -> g.box.mass).max().orElse(0);
        double[] heights = groups.stream().filter(g -> g.box.mass >= LIGHT_MASS * heaviest)
                .mapToDouble(g -> g.box.height()).sorted().toArray();
        return heights[heights.length / 2];
    }

    /**
     * How plausible a piece's width is for one digit of height {@code tall}: 1 up to as wide as high, then
     * falling fast. A model asked about two touching digits often answers for one of them with confidence;
     * the width says there are two.
     */
    private static double widthLikeness(Segment s, double tall) {
        double excess = Math.max(0, (s.x1() - s.x0() + 1) / tall - 1) / WIDE_DIGIT_SPREAD;
        return Math.exp(-excess * excess);
    }

    /**
     * The digits of a group. One, when it is no wider than a digit is high; else the cutting into pieces,
     * at {@link #candidateColumns candidate columns}, whose pieces are together likeliest digits: the product
     * of each piece's digit-likeness, width-likeness and {@link #PIECE_PRIOR}, and of each cut's
     * {@link #EXTRA_STROKE} for every stroke it crosses beyond one, maximised over every sequence of cuts
     * (dynamic programming over the candidate columns).
     */
    private static List<Segment> cuts(Group g, GreyPlane ink, int[] label, double tall,
                                      ToDoubleFunction<GreyPlane> digitLikeness) {
        int width = g.box.width();
        Segment whole = cut(ink, label, g, g.box.x0, g.box.x1 + 1);
        if (width <= MAYBE_TOUCHING_WIDTH * tall) {
            return List.of(whole);
        }
        double[] column = new double[width];
        int[] strokes = new int[width];
        profile(g, ink, label, column, strokes);
        List<Integer> at = candidateColumns(column, strokes);
        int n = at.size();
        double[] best = new double[n];
        int[] previous = new int[n];
        Segment[] last = new Segment[n];
        best[0] = 1;
        for (int j = 1; j < n; j++) {
            double cutLikeness = j == n - 1 ? 1 : Math.pow(EXTRA_STROKE, Math.max(0, strokes[at.get(j)] - 1));
            for (int i = j - 1; i >= 0; i--) {
                int w = at.get(j) - at.get(i);
                if (w > TOUCHING_WIDTH * tall) {
                    break;
                }
                if (best[i] == 0 || w < NARROWEST_DIGIT * tall) {
                    continue;
                }
                Segment piece = cut(ink, label, g, g.box.x0 + at.get(i), g.box.x0 + at.get(j));
                if (piece == null) {
                    continue;
                }
                double score = best[i] * cutLikeness * PIECE_PRIOR * digitLikeness.applyAsDouble(piece.ink())
                        * widthLikeness(piece, tall);
                if (score > best[j]) {
                    best[j] = score;
                    previous[j] = i;
                    last[j] = piece;
                }
            }
        }
        if (best[n - 1] == 0) {
            return List.of(whole);
        }
        List<Segment> pieces = new ArrayList<>();
        for (int j = n - 1; j > 0; j = previous[j]) {
            pieces.add(0, last[j]);
        }
        return pieces;
    }

    /**
     * Each column of a group: its ink, and how many strokes it crosses (runs of pixels at least half as dark
     * as the column's darkest).
     */
    private static void profile(Group g, GreyPlane ink, int[] label, double[] column, int[] strokes) {
        float[] v = ink.values();
        for (int x = g.box.x0; x <= g.box.x1; x++) {
            float darkest = 0;
            for (int y = g.box.y0; y <= g.box.y1; y++) {
                int p = y * ink.width() + x;
                if (label[p] == g.id) {
                    column[x - g.box.x0] += v[p];
                    darkest = Math.max(darkest, v[p]);
                }
            }
            boolean inside = false;
            for (int y = g.box.y0; y <= g.box.y1; y++) {
                int p = y * ink.width() + x;
                boolean dark = label[p] == g.id && v[p] >= 0.5f * darkest;
                if (dark && !inside) {
                    strokes[x - g.box.x0]++;
                }
                inside = dark;
            }
        }
    }

    /**
     * Where a group may be cut, as column offsets from its left edge: both edges; every column whose ink
     * (smoothed over three columns) is a local minimum, where two touching digits meet; and, in every stretch
     * of columns inside the group that cross one stroke only, its lightest column, where one stroke joins two
     * shapes.
     */
    private static List<Integer> candidateColumns(double[] column, int[] strokes) {
        int width = column.length;
        double[] smooth = new double[width];
        for (int c = 0; c < width; c++) {
            smooth[c] = column[Math.max(0, c - 1)] + column[c] + column[Math.min(width - 1, c + 1)];
        }
        TreeSet<Integer> at = new TreeSet<>(List.of(0, width));
        for (int c = 1; c < width - 1; c++) {
            if (smooth[c] <= smooth[c - 1] && smooth[c] < smooth[c + 1]) {
                at.add(c);
            }
        }
        // stretches touching an edge are the ends of the outer digits, not joins
        for (int c = 1, start = -1; c < width; c++) {
            boolean single = c < width - 1 && strokes[c] == 1;
            if (single && start < 0) {
                start = c;
            } else if (!single && start >= 0) {
                if (start > 1 && c < width - 1) {
                    int lightest = start;
                    for (int k = start + 1; k < c; k++) {
                        lightest = column[k] < column[lightest] ? k : lightest;
                    }
                    at.add(lightest);
                }
                start = -1;
            }
        }
        return new ArrayList<>(at);
    }

    /** The group's ink within columns [from, to), in a plane of its own box; null if there is none. */
    private static Segment cut(GreyPlane ink, int[] label, Group g, int from, int to) {
        Box box = new Box();
        float[] v = ink.values();
        int w = ink.width();
        for (int y = g.box.y0; y <= g.box.y1; y++) {
            for (int x = from; x < to; x++) {
                int p = y * w + x;
                if (label[p] == g.id) {
                    box.add(x, y, v[p]);
                }
            }
        }
        if (box.x1 < 0) {
            return null;
        }
        GreyPlane out = new GreyPlane(box.width(), box.height());
        for (int y = box.y0; y <= box.y1; y++) {
            for (int x = box.x0; x <= box.x1; x++) {
                int p = y * w + x;
                if (label[p] == g.id) {
                    out.values()[(y - box.y0) * box.width() + x - box.x0] = v[p];
                }
            }
        }
        return new Segment(box.x0, box.y0, box.x1, box.y1, out);
    }
}

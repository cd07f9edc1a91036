package dev.inkwell.examples.report;

import dev.inkwell.examples.cli.Inkwell;
import dev.inkwell.io.AtomicFiles;
import dev.inkwell.mnist.Dataset;
import dev.inkwell.mnist.MnistDataset;
import dev.inkwell.model.Model;
import dev.inkwell.nn.Conv2d;
import dev.inkwell.nn.Parameter;
import dev.inkwell.train.Evaluation;
import dev.inkwell.train.TrainingHistory;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Pictures of a model and its test results, drawn with java.awt (headless): learning curves, the
 * confusion matrix as a heat map, a grid of misclassified digits, the first layer's filters, and a
 * {@code report.md} that shows them beside the metrics.
 */
public final class Report {
    private static final Color TRAIN = new Color(0x1f77b4);
    private static final Color VALID = new Color(0xff7f0e);
    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final Font SMALL = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    private Report() {
    }

    public static void write(Path dir, Model model, MnistDataset test, Evaluation e) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<String> pictures = new ArrayList<>();
        List<double[]> history = TrainingHistory.read(model.info()).stream().map(TrainingHistory.Epoch::asRow)
                .toList();
        if (!history.isEmpty()) {
            save(dir.resolve("curves.png"), curves(history));
            pictures.add("curves.png|Loss and accuracy per epoch (training batches vs held-out validation set)");
        }
        save(dir.resolve("confusion.png"), confusion(e, model.classNames()));
        pictures.add("confusion.png|Confusion matrix on the test set (rows: true class, columns: predicted)");
        save(dir.resolve("misclassified.png"), misclassified(e, test, model.classNames()));
        pictures.add("misclassified.png|Misclassified test images (t: true class, p: predicted)");
        BufferedImage filters = filters(model);
        if (filters != null) {
            save(dir.resolve("filters.png"), filters);
            pictures.add("filters.png|First convolution layer's filters (blue negative, red positive)");
        }
        StringBuilder md = new StringBuilder();
        md.append("# Inkwell report: ").append(model.architecture()).append(" on ")
                .append(model.info().getOrDefault("dataset", test.dataset().id())).append("\n\n");
        double[] ci = Metrics.wilson95(e.correct(), e.count());
        md.append("| metric | value |\n|---|---|\n");
        md.append(String.format(Locale.ROOT, "| test accuracy | %d/%d = %.2f%% |%n", e.correct(), e.count(),
                100 * e.accuracy()));
        md.append(String.format(Locale.ROOT, "| 95%% Wilson interval | [%.2f%%, %.2f%%] |%n", 100 * ci[0], 100 * ci[1]));
        md.append(String.format(Locale.ROOT, "| test loss (mean) | %.4f |%n", e.averageLoss()));
        for (String key : List.of("epochs", "batch_size", "lr", "seed", "train_seconds", "kernels", "threads")) {
            if (model.info().containsKey(key)) {
                md.append("| ").append(key.replace('_', ' ')).append(" | ").append(model.info().get(key)).append(" |\n");
            }
        }
        md.append("\n| class | precision | recall | F1 |\n|---|---|---|---|\n");
        for (int k = 0; k < model.classNames().size(); k++) {
            md.append(String.format(Locale.ROOT, "| %s | %.4f | %.4f | %.4f |%n", model.classNames().get(k),
                    e.precision(k), e.recall(k), e.f1(k)));
        }
        for (String p : pictures) {
            String[] parts = p.split("\\|");
            md.append("\n## ").append(parts[1]).append("\n\n![").append(parts[1]).append("](").append(parts[0])
                    .append(")\n");
        }
        byte[] text = md.toString().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(dir.resolve("report.md"), out -> out.write(text));
    }

    private static void save(Path file, BufferedImage image) throws IOException {
        AtomicFiles.write(file, out -> ImageIO.write(image, "png", out));
    }

    private static Graphics2D canvas(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setFont(FONT);
        return g;
    }

    /** Two panels: loss and accuracy per epoch, training and validation. */
    static BufferedImage curves(List<double[]> rows) {
        BufferedImage image = new BufferedImage(1000, 420, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(image);
        panel(g, 60, 40, 400, 320, "Loss", rows, 1, 3, false);
        panel(g, 560, 40, 400, 320, "Accuracy (%)", rows, 2, 4, true);
        g.dispose();
        return image;
    }

    private static void panel(Graphics2D g, int x0, int y0, int w, int h, String title, List<double[]> rows,
                              int trainCol, int validCol, boolean percent) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double[] r : rows) {
            for (int c : new int[] {trainCol, validCol}) {
                if (Double.isFinite(r[c])) {
                    double v = percent ? 100 * r[c] : r[c];
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (hi - lo < 1e-9) {
            hi = lo + 1;
        }
        double pad = (hi - lo) * 0.08;
        lo = Math.max(0, lo - pad); // neither a loss nor an accuracy goes below 0
        hi = percent ? Math.min(100, hi + pad) : hi + pad;
        int first = (int) rows.get(0)[0], last = (int) rows.get(rows.size() - 1)[0];
        g.setColor(Color.BLACK);
        g.drawString(title, x0 + w / 2 - g.getFontMetrics().stringWidth(title) / 2, y0 - 12);
        g.drawRect(x0, y0, w, h);
        g.setFont(SMALL);
        for (int i = 0; i <= 5; i++) {
            double v = lo + (hi - lo) * i / 5;
            int y = y0 + h - (int) Math.round(h * i / 5.0);
            g.setColor(new Color(0xe0e0e0));
            g.drawLine(x0 + 1, y, x0 + w - 1, y);
            g.setColor(Color.DARK_GRAY);
            String label = String.format(Locale.ROOT, percent ? "%.2f" : "%.3f", v);
            g.drawString(label, x0 - 6 - g.getFontMetrics().stringWidth(label), y + 4);
        }
        int span = Math.max(1, last - first);
        int step = Math.max(1, span / 10);
        for (int ep = first; ep <= last; ep += step) {
            int x = x0 + (int) Math.round(w * (ep - first) / (double) span);
            g.drawString(Integer.toString(ep), x - 4, y0 + h + 16);
        }
        g.drawString("epoch", x0 + w / 2 - 15, y0 + h + 34);
        series(g, rows, trainCol, x0, y0, w, h, lo, hi, first, span, percent, TRAIN);
        series(g, rows, validCol, x0, y0, w, h, lo, hi, first, span, percent, VALID);
        g.setFont(FONT);
        int ly = percent ? y0 + h - 55 : y0 + 10; // where the curves are not: they fall for loss, rise for accuracy
        g.setColor(TRAIN);
        g.fillRect(x0 + w - 120, ly, 12, 12);
        g.setColor(VALID);
        g.fillRect(x0 + w - 120, ly + 20, 12, 12);
        g.setColor(Color.BLACK);
        g.drawString("training", x0 + w - 102, ly + 11);
        g.drawString("validation", x0 + w - 102, ly + 31);
    }

    private static void series(Graphics2D g, List<double[]> rows, int col, int x0, int y0, int w, int h, double lo,
                               double hi, int first, int span, boolean percent, Color color) {
        g.setColor(color);
        g.setStroke(new BasicStroke(2f));
        int px = -1, py = -1;
        for (double[] r : rows) {
            if (!Double.isFinite(r[col])) {
                continue;
            }
            double v = percent ? 100 * r[col] : r[col];
            int x = x0 + (int) Math.round(w * (r[0] - first) / span);
            int y = y0 + h - (int) Math.round(h * (v - lo) / (hi - lo));
            g.fillOval(x - 3, y - 3, 7, 7);
            if (px >= 0) {
                g.drawLine(px, py, x, y);
            }
            px = x;
            py = y;
        }
        g.setStroke(new BasicStroke(1f));
    }

    /** A heat map of the confusion matrix, off-diagonal counts on a log scale so that rare mistakes show. */
    static BufferedImage confusion(Evaluation e, List<String> classes) {
        int k = classes.size(), cell = 52, left = 120, top = 70;
        BufferedImage image = new BufferedImage(left + k * cell + 30, top + k * cell + 40, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(image);
        int[][] c = e.confusion();
        int maxOff = 1;
        for (int t = 0; t < k; t++) {
            for (int p = 0; p < k; p++) {
                if (t != p) {
                    maxOff = Math.max(maxOff, c[t][p]);
                }
            }
        }
        g.setColor(Color.BLACK);
        g.drawString("predicted class", left + k * cell / 2 - 45, 22);
        g.drawString("true class", 10, top - 10);
        for (int t = 0; t < k; t++) {
            String name = classes.get(t);
            g.drawString(name, left - 8 - g.getFontMetrics().stringWidth(name), top + t * cell + cell / 2 + 5);
            g.drawString(Integer.toString(t), left + t * cell + cell / 2 - 4, top - 10);
            for (int p = 0; p < k; p++) {
                Color fill;
                if (t == p) {
                    fill = new Color(0x2ca02c);
                } else if (c[t][p] == 0) {
                    fill = new Color(0xf7f7f7);
                } else {
                    double s = Math.log1p(c[t][p]) / Math.log1p(maxOff);
                    fill = new Color(255, (int) (230 - 190 * s), (int) (200 - 180 * s));
                }
                g.setColor(fill);
                g.fillRect(left + p * cell, top + t * cell, cell - 2, cell - 2);
                g.setColor(t == p ? Color.WHITE : Color.BLACK);
                String v = Integer.toString(c[t][p]);
                g.drawString(v, left + p * cell + cell / 2 - g.getFontMetrics().stringWidth(v) / 2 - 1,
                        top + t * cell + cell / 2 + 5);
            }
        }
        g.dispose();
        return image;
    }

    /** Up to 100 misclassified test images, enlarged 3x, each with its true and predicted class. */
    static BufferedImage misclassified(Evaluation e, MnistDataset test, List<String> classes) {
        int[] predictions = e.predictions();
        List<Integer> wrong = new ArrayList<>();
        for (int i = 0; i < predictions.length && wrong.size() < 100; i++) {
            if (predictions[i] != test.label(i)) {
                wrong.add(i);
            }
        }
        int cols = 10, scale = 3, side = Dataset.SIDE * scale, cellW = side + 16, cellH = side + 34;
        int rows = Math.max(1, (wrong.size() + cols - 1) / cols);
        BufferedImage image = new BufferedImage(cols * cellW + 10, rows * cellH + 10, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(image);
        g.setFont(SMALL);
        if (wrong.isEmpty()) {
            g.setColor(Color.BLACK);
            g.drawString("no misclassified images", 20, 30);
        }
        for (int n = 0; n < wrong.size(); n++) {
            int i = wrong.get(n);
            int x = 10 + (n % cols) * cellW, y = 8 + (n / cols) * cellH;
            byte[] pixels = test.image(i);
            for (int py = 0; py < Dataset.SIDE; py++) {
                for (int px = 0; px < Dataset.SIDE; px++) {
                    int v = pixels[py * Dataset.SIDE + px] & 0xFF;
                    g.setColor(new Color(v, v, v));
                    g.fillRect(x + px * scale, y + py * scale, scale, scale);
                }
            }
            g.setColor(Color.BLACK);
            g.drawString("t:" + classes.get(test.label(i)), x, y + side + 13);
            g.setColor(new Color(0xd62728));
            g.drawString("p:" + classes.get(predictions[i]), x, y + side + 26);
        }
        g.dispose();
        return image;
    }

    /** The first convolution's filters, one tile per output channel and input channel 0. */
    static BufferedImage filters(Model model) {
        Conv2d conv = null;
        String name = null;
        for (int i = 0; i < model.network().layers().size() && conv == null; i++) {
            if (model.network().layers().get(i) instanceof Conv2d c) {
                conv = c;
                name = model.network().layerNames().get(i);
            }
        }
        if (conv == null) {
            return null;
        }
        Parameter weight = model.network().parameters().get(name + ".weight");
        float[] w = weight.value().toArray();
        int out = weight.shape().dim(0), in = weight.shape().dim(1);
        int kh = weight.shape().dim(2), kw = weight.shape().dim(3);
        int scale = Math.max(8, 48 / Math.max(kh, kw)), cols = Math.min(out, 8);
        int tileW = kw * scale + 10, tileH = kh * scale + 10;
        int rows = (out + cols - 1) / cols;
        BufferedImage image = new BufferedImage(cols * tileW + 10, rows * tileH + 10, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(image);
        for (int o = 0; o < out; o++) {
            float max = 1e-12f;
            for (int j = 0; j < kh * kw; j++) {
                max = Math.max(max, Math.abs(w[(o * in) * kh * kw + j]));
            }
            int x = 10 + (o % cols) * tileW, y = 10 + (o / cols) * tileH;
            for (int r = 0; r < kh; r++) {
                for (int c = 0; c < kw; c++) {
                    float v = w[(o * in) * kh * kw + r * kw + c] / max;
                    int a = (int) (255 * (1 - Math.abs(v)));
                    g.setColor(v >= 0 ? new Color(255, a, a) : new Color(a, a, 255));
                    g.fillRect(x + c * scale, y + r * scale, scale, scale);
                }
            }
        }
        g.dispose();
        return image;
    }
}

package dev.inkwell.examples.report;

import dev.inkwell.examples.json.Json;
import dev.inkwell.train.Evaluation;
import org.apache.commons.math3.distribution.NormalDistribution;

import java.util.List;
import java.util.Locale;

/** Accuracy with its 95% Wilson score interval, and per-class tables, as text and JSON. */
public final class Metrics {
    private Metrics() {
    }

    /** The Wilson score interval [low, high] for {@code correct} successes in {@code n} trials at 95%. */
    public static double[] wilson95(int correct, int n) {
        double z = new NormalDistribution(0, 1).inverseCumulativeProbability(0.975);
        double p = correct / (double) n;
        double z2n = z * z / n;
        double centre = (p + z2n / 2) / (1 + z2n);
        double half = z / (1 + z2n) * Math.sqrt(p * (1 - p) / n + z2n / (4.0 * n));
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }

    public static String accuracyLine(Evaluation e) {
        double[] ci = wilson95(e.correct(), e.count());
        return String.format(Locale.ROOT, "Accuracy: %d/%d (%.2f%%), 95%% Wilson interval [%.2f%%, %.2f%%]",
                e.correct(), e.count(), 100 * e.accuracy(), 100 * ci[0], 100 * ci[1]);
    }

    /** Per-class precision, recall, F1 and support, then the confusion matrix. */
    public static String tables(Evaluation e, List<String> classes) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-12s %9s %9s %9s %8s%n", "class", "precision", "recall", "F1", "support"));
        int[][] c = e.confusion();
        for (int k = 0; k < classes.size(); k++) {
            int support = 0;
            for (int v : c[k]) {
                support += v;
            }
            sb.append(String.format(Locale.ROOT, "%-12s %9.4f %9.4f %9.4f %8d%n", classes.get(k), e.precision(k),
                    e.recall(k), e.f1(k), support));
        }
        sb.append(String.format("%nConfusion matrix (rows: true class, columns: predicted)%n"));
        sb.append(String.format("%6s", ""));
        for (int k = 0; k < classes.size(); k++) {
            sb.append(String.format("%6d", k));
        }
        sb.append(System.lineSeparator());
        for (int t = 0; t < classes.size(); t++) {
            sb.append(String.format("%6d", t));
            for (int p = 0; p < classes.size(); p++) {
                sb.append(String.format("%6d", c[t][p]));
            }
            sb.append(System.lineSeparator());
        }
        return sb.toString();
    }

    public static String json(Evaluation e, List<String> classes, String model, String dataset) {
        double[] ci = wilson95(e.correct(), e.count());
        StringBuilder sb = new StringBuilder("{");
        sb.append("\"model\":").append(Json.string(model)).append(",\"dataset\":").append(Json.string(dataset));
        sb.append(String.format(Locale.ROOT, ",\"correct\":%d,\"total\":%d,\"accuracy\":%.6f,\"wilson95\":[%.6f,%.6f]",
                e.correct(), e.count(), e.accuracy(), ci[0], ci[1]));
        sb.append(String.format(Locale.ROOT, ",\"average_loss\":%.6f,\"classes\":[", e.averageLoss()));
        for (int k = 0; k < classes.size(); k++) {
            sb.append(k == 0 ? "" : ",").append(String.format(Locale.ROOT,
                    "{\"class\":%s,\"precision\":%s,\"recall\":%s,\"f1\":%s}", Json.string(classes.get(k)),
                    Json.number(e.precision(k)), Json.number(e.recall(k)), Json.number(e.f1(k))));
        }
        sb.append("],\"confusion\":[");
        int[][] c = e.confusion();
        for (int t = 0; t < c.length; t++) {
            sb.append(t == 0 ? "[" : ",[");
            for (int p = 0; p < c[t].length; p++) {
                sb.append(p == 0 ? "" : ",").append(c[t][p]);
            }
            sb.append(']');
        }
        return sb.append("]}").toString();
    }
}

package dev.inkwell.examples.report;

import dev.inkwell.examples.json.Json;
import dev.inkwell.train.Evaluation;
import org.apache.commons.math3.distribution.NormalDistribution;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("model", model);
        out.put("dataset", dataset);
        out.put("correct", e.correct());
        out.put("total", e.count());
        out.put("accuracy", Json.round(e.accuracy(), 6));
        out.put("wilson95", List.of(Json.round(ci[0], 6), Json.round(ci[1], 6)));
        out.put("average_loss", Json.round(e.averageLoss(), 6));
        List<Map<String, Object>> perClass = new ArrayList<>();
        for (int k = 0; k < classes.size(); k++) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("class", classes.get(k));
            c.put("precision", Json.round(e.precision(k), 6));
            c.put("recall", Json.round(e.recall(k), 6));
            c.put("f1", Json.round(e.f1(k), 6));
            perClass.add(c);
        }
        out.put("classes", perClass);
        out.put("confusion", e.confusion());
        return Json.text(out);
    }
}

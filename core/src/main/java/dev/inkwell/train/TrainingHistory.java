package dev.inkwell.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The per-epoch record of a training run, kept in a model's metadata as one entry per epoch:
 * {@code history.N = "trainLoss trainAccuracy validLoss validAccuracy seconds"} (NaN when there was no
 * validation). Written by the trainer's caller, read by reports and {@code inkwell info}.
 */
public final class TrainingHistory {
    /** The metadata keys of the history start with this. */
    public static final String PREFIX = "history.";

    private TrainingHistory() {
    }

    /** One epoch's figures. */
    public record Epoch(int epoch, double trainLoss, double trainAccuracy, double validLoss, double validAccuracy,
                        double seconds) {
        /**
         * The figures as {epoch, train loss, train accuracy, validation loss, validation accuracy, seconds}.
         *
         * @return the figures
         */
        public double[] asRow() {
            return new double[] {epoch, trainLoss, trainAccuracy, validLoss, validAccuracy, seconds};
        }
    }

    /**
     * Adds {@code e} to the metadata {@code info}.
     *
     * @param info the metadata, added to
     * @param e the epoch
     */
    public static void record(Map<String, String> info, Epoch e) {
        info.put(PREFIX + e.epoch(), String.format(Locale.ROOT, "%.6f %.6f %.6f %.6f %.2f", e.trainLoss(),
                e.trainAccuracy(), e.validLoss(), e.validAccuracy(), e.seconds()));
    }

    /**
     * The history entries of a model's metadata, in order.
     *
     * @param info the metadata
     * @return the entries
     */
    public static Map<String, String> entries(Map<String, String> info) {
        Map<String, String> h = new LinkedHashMap<>();
        info.forEach((k, v) -> {
            if (k.startsWith(PREFIX)) {
                h.put(k, v);
            }
        });
        return h;
    }

    /**
     * The epochs recorded in {@code info}.
     *
     * @param info the metadata
     * @return the epochs, in order
     * @throws IllegalArgumentException naming the entry that is not an epoch number and five figures
     */
    public static List<Epoch> read(Map<String, String> info) {
        List<Epoch> epochs = new ArrayList<>();
        entries(info).forEach((k, v) -> {
            try {
                String[] p = v.trim().split(" +");
                if (p.length != 5) {
                    throw new NumberFormatException(p.length + " figures");
                }
                epochs.add(new Epoch(Integer.parseInt(k.substring(PREFIX.length())), Double.parseDouble(p[0]),
                        Double.parseDouble(p[1]), Double.parseDouble(p[2]), Double.parseDouble(p[3]),
                        Double.parseDouble(p[4])));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(k + " '" + v + "' is not five figures of an epoch", e);
            }
        });
        return epochs;
    }
}

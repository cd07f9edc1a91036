package dev.inkwell.model;

import dev.inkwell.models.ReferenceNets;
import dev.inkwell.nn.ComputeContext;
import dev.inkwell.nn.Sequential;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** One predictor hammered from 8 threads gives exactly the answers it gives one thread. */
class PredictorTest {
    private static final List<String> DIGITS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    @Test
    void eightThreadsAtOnceGetTheSingleThreadedAnswersBitForBit() throws Exception {
        Sequential net = ReferenceNets.best().build(ReferenceNets.INPUT_SHAPE, 1, ComputeContext.withThreads(1), 5);
        Predictor predictor = Predictor.of(new Model(net, "best", 0.1307f, 0.3081f, DIGITS, Map.of()));
        Random random = new Random(11);
        byte[][] images = new byte[100][784];
        for (byte[] image : images) {
            random.nextBytes(image);
        }
        float[][] expected = new float[images.length][];
        for (int i = 0; i < images.length; i++) {
            expected[i] = predictor.predict(images[i]).probabilities();
        }
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<float[][]>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int offset = t * 13;
                Callable<float[][]> job = () -> {
                    float[][] got = new float[images.length][];
                    for (int round = 0; round < 2; round++) {
                        for (int k = 0; k < images.length; k++) {
                            int i = (k + offset) % images.length;
                            got[i] = predictor.predict(images[i]).probabilities();
                        }
                    }
                    return got;
                };
                results.add(threads.submit(job));
            }
            for (Future<float[][]> r : results) {
                float[][] got = r.get();
                for (int i = 0; i < images.length; i++) {
                    assertArrayEquals(expected[i], got[i], 0f, "image " + i);
                }
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aPredictionRanksTheClassesAndChecksItsInput() {
        Sequential net = ReferenceNets.netS().build(ReferenceNets.INPUT_SHAPE, 1, ComputeContext.withThreads(1), 2);
        Predictor predictor = Predictor.of(new Model(net, "nets", 0.1307f, 0.3081f, DIGITS, Map.of()));
        Prediction p = predictor.predict(new byte[784]);
        float[] probabilities = p.probabilities();
        int[] ranking = p.ranking();
        assertEquals(10, ranking.length);
        assertEquals(p.best(), ranking[0]);
        assertEquals(DIGITS.get(p.best()), p.label());
        for (int r = 1; r < ranking.length; r++) {
            assertEquals(true, probabilities[ranking[r - 1]] >= probabilities[ranking[r]]);
        }
        assertThrows(IllegalArgumentException.class, () -> predictor.predict(new byte[100]));
    }
}

package dev.inkwell.mnist;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The IDX reader on arbitrary bytes, raw or gzip: an array or an {@link IdxFormatException}, nothing
 * else. Corpus: {@code src/test/resources/dev/inkwell/mnist/IdxFuzzTestInputs}.
 */
class IdxFuzzTest {
    @FuzzTest(maxDuration = "10m")
    void readsOrRefuses(byte[] file) {
        try {
            IdxReader.read("fuzz", file);
        } catch (IdxFormatException expected) {
            // the documented refusal
        }
    }
}

package dev.inkwell.model;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.inkwell.nn.ComputeContext;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The model loader on arbitrary bytes: the only acceptable outcomes are a model or a
 * {@link ModelFormatException}. In the test suite these run over the committed corpus in
 * {@code src/test/resources/dev/inkwell/model/ModelFileFuzzTestInputs}; README says how to fuzz for real.
 */
class ModelFileFuzzTest {
    private static final ComputeContext CONTEXT = ComputeContext.withThreads(1);

    @FuzzTest(maxDuration = "10m")
    void loadsOrRefuses(byte[] file) {
        load(file);
    }

    /**
     * The same with the trailing SHA-256 made to match, so that mutations reach the parser and the
     * architecture checks behind the checksum.
     */
    @FuzzTest(maxDuration = "10m")
    void loadsOrRefusesWithAValidChecksum(byte[] body) throws Exception {
        byte[] file = Arrays.copyOf(body, body.length + 32);
        System.arraycopy(MessageDigest.getInstance("SHA-256").digest(body), 0, file, body.length, 32);
        load(file);
    }

    private static void load(byte[] file) {
        try {
            Model.load(file, "fuzz", CONTEXT, 2);
        } catch (ModelFormatException expected) {
            // the documented refusal
        }
    }
}

package dev.inkwell.examples;

import dev.inkwell.model.Model;
import dev.inkwell.model.ModelFormatException;
import dev.inkwell.nn.ComputeContext;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/** The pretrained model shipped in this jar, used when no {@code --model} is given. */
final class DefaultModel {
    static final String RESOURCE = "/dev/inkwell/examples/default-model.inkwell";

    private DefaultModel() {
    }

    /** The model in {@code file}, or the pretrained default when {@code file} is null. */
    static Model load(Path file, ComputeContext context, int maxBatch) throws IOException {
        if (file != null) {
            return Model.load(file, context, maxBatch);
        }
        try (InputStream in = DefaultModel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new ModelFormatException("this build has no pretrained model (" + RESOURCE + "); give --model FILE");
            }
            return Model.load(in.readAllBytes(), "pretrained model", context, maxBatch);
        }
    }

    static String name(Path file) {
        return file == null ? "pretrained default model" : file.toString();
    }
}

package dev.inkwell.examples.cli;

import dev.inkwell.mnist.reader.DigitReader;
import dev.inkwell.model.Model;
import dev.inkwell.nn.ComputeContext;

import java.io.IOException;
import java.nio.file.Path;

/** The model a command uses: the one given with {@code --model}, else the library's pretrained one. */
final class DefaultModel {
    private DefaultModel() {
    }

    /** The model in {@code file}, or the pretrained model when {@code file} is null. */
    static Model load(Path file, ComputeContext context, int maxBatch) throws IOException {
        return file != null ? Model.load(file, context, maxBatch) : DigitReader.pretrainedModel(context, maxBatch);
    }

    static String name(Path file) {
        return file == null ? "pretrained default model" : file.toString();
    }
}

package dev.inkwell.examples.cli;

import dev.inkwell.mnist.reader.DigitReader;
import dev.inkwell.model.Model;
import dev.inkwell.model.ModelFormatException;
import dev.inkwell.models.ReferenceNets;
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

    /**
     * Refuses, when it is loaded, a model the command would feed 28x28 grey images that takes another input:
     * the command names the model and both shapes instead of failing on every image.
     */
    static Model requireDigitInput(Model model, Path file, String command) throws ModelFormatException {
        if (!model.inputShape().equals(ReferenceNets.INPUT_SHAPE)) {
            throw new ModelFormatException(name(file) + ": takes " + model.inputShape() + " inputs; " + command
                    + " feeds it 28x28 grey images " + ReferenceNets.INPUT_SHAPE
                    + " (models trained on an image folder are read with their own input size by predict and eval)");
        }
        return model;
    }

    static String name(Path file) {
        return file == null ? "pretrained default model" : file.toString();
    }
}

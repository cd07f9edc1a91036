package org.example.inkwell;

import dev.inkwell.init.Rng;
import dev.inkwell.nn.Layer;
import dev.inkwell.nn.LayerConfig;
import dev.inkwell.nn.ParamSpec;
import dev.inkwell.nn.Parameter;
import dev.inkwell.tensor.Shape;

import java.util.List;

/**
 * A layer written outside the library, as a user would: one learnable scale per channel, y = x · w[c],
 * initialised near one. Only the public and protected API of {@code dev.inkwell.nn} is used.
 */
public final class PerChannelScale extends Layer {
    private final int channels;
    private Parameter weight;
    private float[] output;
    private float[] gradInput;

    public PerChannelScale(int channels) {
        this.channels = channels;
    }

    /** The factory a {@code LayerRegistry} needs to load models holding this layer. */
    public static PerChannelScale fromConfig(LayerConfig config) {
        return new PerChannelScale(config.intValue("channels"));
    }

    @Override
    public String kind() {
        return "scale";
    }

    @Override
    public Shape outputShape(Shape input) {
        if (input.dim(0) != channels) {
            throw new IllegalArgumentException("expects " + channels + " channels, got " + input);
        }
        return input;
    }

    @Override
    protected List<ParamSpec> parameterSpecs(Shape input) {
        return List.of(new ParamSpec("weight", Shape.of(channels)));
    }

    @Override
    protected void bind(List<Parameter> parameters, List<Parameter> state) {
        weight = parameters.get(0);
    }

    @Override
    protected void initialize(Rng rng) {
        for (int c = 0; c < channels; c++) {
            weight.data()[weight.offset() + c] = 1f + 0.1f * (float) rng.nextGaussian();
        }
    }

    @Override
    protected void allocate() {
        output = new float[maxBatch * inputShape.size()];
        gradInput = new float[maxBatch * inputShape.size()];
    }

    @Override
    protected float[] computeForward(float[] input, int batch, boolean training) {
        int plane = inputShape.size() / channels;
        for (int n = 0; n < batch; n++) {
            for (int c = 0; c < channels; c++) {
                float w = weight.data()[weight.offset() + c];
                int base = (n * channels + c) * plane;
                for (int i = 0; i < plane; i++) {
                    output[base + i] = input[base + i] * w;
                }
            }
        }
        return output;
    }

    // dW[c] += Σ x·dy over the batch and plane; dx = dy · w[c]
    @Override
    protected float[] computeBackward(float[] input, float[] gradOutput, int batch) {
        int plane = inputShape.size() / channels;
        for (int c = 0; c < channels; c++) {
            float w = weight.data()[weight.offset() + c];
            double dw = 0;
            for (int n = 0; n < batch; n++) {
                int base = (n * channels + c) * plane;
                for (int i = 0; i < plane; i++) {
                    dw += (double) input[base + i] * gradOutput[base + i];
                    gradInput[base + i] = gradOutput[base + i] * w;
                }
            }
            weight.grad()[weight.offset() + c] += (float) dw;
        }
        return gradInput;
    }

    @Override
    public LayerConfig config() {
        return LayerConfig.of("PerChannelScale", "channels", channels);
    }
}

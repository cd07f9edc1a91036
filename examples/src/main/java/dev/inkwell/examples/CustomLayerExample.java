package dev.inkwell.examples;

import dev.inkwell.init.Rng;
import dev.inkwell.mnist.Dataset;
import dev.inkwell.mnist.DatasetLocator;
import dev.inkwell.mnist.MnistDataset;
import dev.inkwell.mnist.Split;
import dev.inkwell.model.Model;
import dev.inkwell.models.ReferenceNets;
import dev.inkwell.nn.ComputeContext;
import dev.inkwell.nn.Conv2d;
import dev.inkwell.nn.Flatten;
import dev.inkwell.nn.Layer;
import dev.inkwell.nn.LayerConfig;
import dev.inkwell.nn.LayerRegistry;
import dev.inkwell.nn.Linear;
import dev.inkwell.nn.MaxPool2d;
import dev.inkwell.nn.ParamSpec;
import dev.inkwell.nn.Parameter;
import dev.inkwell.nn.ReLU;
import dev.inkwell.nn.Residual;
import dev.inkwell.nn.Sequential;
import dev.inkwell.optim.Adam;
import dev.inkwell.optim.LrSchedule;
import dev.inkwell.tensor.Shape;
import dev.inkwell.train.LabeledImages;
import dev.inkwell.train.Trainer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A layer of your own with learnable weights — a leaky ReLU whose slope is learned per channel (PReLU) —
 * inside a residual block, trained on MNIST, saved, and loaded again through a {@link LayerRegistry}.
 * Arguments: {@code [TRAIN_IMAGES]} (default 6000).
 */
public final class CustomLayerExample {
    /** y = x for x > 0, else a[c]·x; a per channel, learned, starting at 0.25 as in {@code torch.nn.PReLU}. */
    public static final class PReLU extends Layer {
        private final int channels;
        private Parameter slope;
        private float[] output;
        private float[] gradInput;

        public PReLU(int channels) {
            this.channels = channels;
        }

        @Override
        public String kind() {
            return "prelu";
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
            slope = parameters.get(0);
        }

        @Override
        protected void initialize(Rng rng) {
            Arrays.fill(slope.data(), slope.offset(), slope.offset() + channels, 0.25f);
        }

        @Override
        protected void allocate() {
            output = new float[maxBatch * inputShape.size()];
            gradInput = new float[maxBatch * inputShape.size()];
        }

        @Override
        protected float[] computeForward(float[] x, int batch, boolean training) {
            int plane = inputShape.size() / channels;
            for (int i = 0; i < batch * inputShape.size(); i++) {
                float a = slope.data()[slope.offset() + i / plane % channels];
                output[i] = x[i] > 0 ? x[i] : a * x[i];
            }
            return output;
        }

        // dx = dy where x > 0, else a·dy; da[c] += Σ x·dy where x <= 0
        @Override
        protected float[] computeBackward(float[] x, float[] dy, int batch) {
            int plane = inputShape.size() / channels;
            for (int i = 0; i < batch * inputShape.size(); i++) {
                int c = i / plane % channels;
                float a = slope.data()[slope.offset() + c];
                gradInput[i] = x[i] > 0 ? dy[i] : a * dy[i];
                if (x[i] <= 0) {
                    slope.grad()[slope.offset() + c] += x[i] * dy[i];
                }
            }
            return gradInput;
        }

        @Override
        public LayerConfig config() {
            return LayerConfig.of("PReLU", "channels", channels);
        }
    }

    public static void main(String[] args) throws Exception {
        int trainImages = args.length > 0 ? Integer.parseInt(args[0]) : 6000;
        DatasetLocator data = DatasetLocator.standard(null, List.of());
        MnistDataset trainSet = data.load(Dataset.MNIST, Split.TRAIN);
        MnistDataset testSet = data.load(Dataset.MNIST, Split.TEST);
        Shape input = ReferenceNets.INPUT_SHAPE;
        LabeledImages train = new LabeledImages(trainSet.normalizedImages(), trainSet.labels(), input)
                .range(0, trainImages);
        LabeledImages test = new LabeledImages(testSet.normalizedImages(), testSet.labels(), input);

        ComputeContext ctx = ComputeContext.defaults();
        Sequential net = new Sequential()
                .add(new Conv2d(1, 16, 3)).add(new PReLU(16)).add(new MaxPool2d(2))
                .add(new Residual().add(new Conv2d(Conv2d.Spec.of(16, 16, 3).padding(1))).add(new PReLU(16)))
                .add(new MaxPool2d(2)).add(new Flatten()).add(new Linear(10))
                .build(input, 100, ctx, 1);
        System.out.print(net.summary());
        Adam adam = new Adam(net.parameters(), Adam.Config.of(1e-3), ctx);
        new Trainer(net, adam, LrSchedule.constant(1e-3), 64, 1, null, ctx).trainEpoch(0, train, Trainer.Listener.NONE);
        System.out.printf("Test accuracy after one epoch on %,d images: %.2f%%%n", trainImages,
                100 * Trainer.evaluate(net, test).accuracy());

        Path file = Files.createTempFile("prelu", ".inkwell");
        new Model(net, "prelu-residual", Dataset.MNIST.mean(), Dataset.MNIST.std(), Dataset.MNIST.classNames(),
                Map.of()).save(file);
        LayerRegistry layers = LayerRegistry.withBuiltIns()
                .register("PReLU", config -> new PReLU(config.intValue("channels")));
        Model loaded = Model.load(file, ctx, 100, layers);
        float[] x = Arrays.copyOf(test.inputs(), 100 * input.size());
        float[] before = net.forward(x, 100, false).clone();
        boolean same = Arrays.equals(before, loaded.network().forward(x, 100, false));
        Files.delete(file);
        if (!same) {
            throw new IllegalStateException("the loaded model computes other outputs");
        }
        System.out.println("Saved, loaded with the registry: the same outputs, bit for bit");
    }
}

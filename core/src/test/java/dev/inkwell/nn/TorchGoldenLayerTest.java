package dev.inkwell.nn;

import dev.inkwell.kernels.LossKernels;
import dev.inkwell.testing.Golden;
import dev.inkwell.tensor.Shape;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every layer case of ../shared/reference/torch-golden reproduced: forward output and every gradient
 * within the MANIFEST's float32 tolerance |got - want| &lt;= 1e-5 + 1e-4·|want| (1e-3 absolute for
 * the large-logit loss case).
 */
class TorchGoldenLayerTest {

    /** A one-layer network that also returns its input gradient. */
    private static Sequential single(Layer layer, Shape input, int batch) {
        return new Sequential().add("layer", layer).inputGradient(true)
                .build(input, batch, ComputeContext.defaults(), 1);
    }

    private static void conv(String name, int n, int cin, int h, int w, int cout, int k, int stride, int pad) {
        Golden g = new Golden(name);
        Sequential net = single(new Conv2d(Conv2d.Spec.of(cin, cout, k).stride(stride).padding(pad)),
                Shape.of(cin, h, w), n);
        net.parameters().get("layer.weight").set(g.read("weight", cout, cin, k, k));
        net.parameters().get("layer.bias").set(g.read("bias", cout));
        Shape out = net.outputShape();
        float[] y = net.forward(g.read("input", n, cin, h, w), n, true);
        g.assertClose("output", y, n, cout, out.dim(1), out.dim(2));
        float[] gx = net.backward(g.read("grad_output", n, cout, out.dim(1), out.dim(2)), n);
        g.assertClose("grad_input", gx, n, cin, h, w);
        g.assertClose("grad_weight", net.parameters().grads(), cout, cin, k, k);
        g.assertClose("grad_bias", net.parameters().get("layer.bias").gradient().toArray(), cout);
    }

    @Test
    void conv2dK3Stride1Pad0() {
        conv("conv2d_k3_s1_p0", 2, 3, 7, 9, 4, 3, 1, 0);
    }

    @Test
    void conv2dK3Stride1Pad1() {
        conv("conv2d_k3_s1_p1", 2, 3, 6, 5, 4, 3, 1, 1);
    }

    @Test
    void conv2dK5Stride2Pad2() {
        conv("conv2d_k5_s2_p2", 2, 2, 9, 8, 3, 5, 2, 2);
    }

    @Test
    void conv2dK1() {
        conv("conv2d_k1_s1_p0", 3, 4, 5, 6, 2, 1, 1, 0);
    }

    private static void pool(String name, Layer layer, int n, int c, int h, int w, int oh, int ow) {
        Golden g = new Golden(name);
        Sequential net = single(layer, Shape.of(c, h, w), n);
        float[] y = net.forward(g.read("input", n, c, h, w), n, true);
        g.assertClose("output", y, n, c, oh, ow);
        float[] gx = net.backward(g.read("grad_output", n, c, oh, ow), n);
        g.assertClose("grad_input", gx, n, c, h, w);
    }

    @Test
    void maxPoolEven() {
        pool("maxpool2d_k2_s2_even", new MaxPool2d(2), 2, 3, 6, 8, 3, 4);
    }

    @Test
    void maxPoolOdd() {
        pool("maxpool2d_k2_s2_odd", new MaxPool2d(2), 2, 2, 7, 9, 3, 4);
    }

    @Test
    void maxPoolOverlapping() {
        pool("maxpool2d_k3_s2", new MaxPool2d(new Pool2d.Spec(3, 2, 0)), 2, 2, 7, 9, 3, 4);
    }

    @Test
    void avgPool() {
        pool("avgpool2d_k2_s2", new AvgPool2d(2), 2, 3, 6, 6, 3, 3);
    }

    @Test
    void avgPoolPadded() {
        pool("avgpool2d_k3_s2_p1", new AvgPool2d(new Pool2d.Spec(3, 2, 1)), 2, 2, 7, 7, 4, 4);
    }

    @Test
    void relu() {
        Golden g = new Golden("relu");
        Sequential net = single(new ReLU(), Shape.of(3, 4, 5), 2);
        g.assertClose("output", net.forward(g.read("input", 2, 3, 4, 5), 2, true), 2, 3, 4, 5);
        g.assertClose("grad_input", net.backward(g.read("grad_output", 2, 3, 4, 5), 2), 2, 3, 4, 5);
    }

    @Test
    void linear() {
        Golden g = new Golden("linear");
        Sequential net = single(new Linear(5, 4), Shape.of(5), 3);
        net.parameters().get("layer.weight").set(g.read("weight", 4, 5));
        net.parameters().get("layer.bias").set(g.read("bias", 4));
        g.assertClose("output", net.forward(g.read("input", 3, 5), 3, true), 3, 4);
        g.assertClose("grad_input", net.backward(g.read("grad_output", 3, 4), 3), 3, 5);
        g.assertClose("grad_weight", net.parameters().get("layer.weight").gradient().toArray(), 4, 5);
        g.assertClose("grad_bias", net.parameters().get("layer.bias").gradient().toArray(), 4);
    }

    private static void softmaxNll(String name, double abs) {
        Golden g = new Golden(name);
        float[] logits = g.read("logits", 4, 10);
        int[] target = g.readInts("target", 4);
        float[] grad = new float[40], logProbs = new float[40];
        double loss = LossKernels.softmaxCrossEntropy(logits, 4, 10, target, grad, logProbs);
        g.assertClose("log_probs", logProbs, 0, abs, Golden.REL, 4, 10);
        g.assertClose("loss", new float[] {(float) loss}, 0, abs, Golden.REL, 1);
        g.assertClose("grad_logits", grad, 0, abs, Golden.REL, 4, 10);
        SoftmaxCrossEntropy module = new SoftmaxCrossEntropy(10, 4);
        assertEquals(loss, module.forward(logits, target, 4));
        g.assertClose("grad_logits", module.gradient(), 0, abs, Golden.REL, 4, 10);
    }

    @Test
    void logSoftmaxNll() {
        softmaxNll("log_softmax_nll", Golden.ABS);
    }

    @Test
    void logSoftmaxNllLargeLogits() {
        softmaxNll("log_softmax_nll_large_logits", 1e-3);
    }

    private static void batchNormTrain(String name, Layer layer, Shape sample, int n, int c) {
        Golden g = new Golden(name);
        Sequential net = single(layer, sample, n);
        int[] full = sample.withBatch(n).toArray();
        net.parameters().get("layer.weight").set(g.read("weight", c));
        net.parameters().get("layer.bias").set(g.read("bias", c));
        net.parameters().get("layer.running_mean").set(g.read("running_mean_before", c));
        net.parameters().get("layer.running_var").set(g.read("running_var_before", c));
        g.assertClose("output", net.forward(g.read("input", full), n, true), full);
        g.assertClose("running_mean_after", net.parameters().get("layer.running_mean").value().toArray(), c);
        g.assertClose("running_var_after", net.parameters().get("layer.running_var").value().toArray(), c);
        g.assertClose("grad_input", net.backward(g.read("grad_output", full), n), full);
        g.assertClose("grad_weight", net.parameters().get("layer.weight").gradient().toArray(), c);
        g.assertClose("grad_bias", net.parameters().get("layer.bias").gradient().toArray(), c);
    }

    @Test
    void batchNorm2dTraining() {
        batchNormTrain("batchnorm2d_train", new BatchNorm2d(3), Shape.of(3, 5, 5), 4, 3);
    }

    @Test
    void batchNorm1dTraining() {
        batchNormTrain("batchnorm1d_train", new BatchNorm1d(6), Shape.of(6), 5, 6);
    }

    @Test
    void batchNorm2dEvaluation() {
        Golden g = new Golden("batchnorm2d_eval");
        Sequential net = single(new BatchNorm2d(3), Shape.of(3, 5, 5), 4);
        net.parameters().get("layer.weight").set(g.read("weight", 3));
        net.parameters().get("layer.bias").set(g.read("bias", 3));
        float[] runningMean = g.read("running_mean", 3), runningVar = g.read("running_var", 3);
        net.parameters().get("layer.running_mean").set(runningMean);
        net.parameters().get("layer.running_var").set(runningVar);
        g.assertClose("output", net.forward(g.read("input", 4, 3, 5, 5), 4, false), 4, 3, 5, 5);
        g.assertClose("grad_input", net.backward(g.read("grad_output", 4, 3, 5, 5), 4), 4, 3, 5, 5);
        g.assertClose("grad_weight", net.parameters().get("layer.weight").gradient().toArray(), 3);
        g.assertClose("grad_bias", net.parameters().get("layer.bias").gradient().toArray(), 3);
        // evaluation must not touch the running statistics
        Golden.assertClose("running_mean", runningMean, net.parameters().get("layer.running_mean").value().toArray(), 0, 0, 0);
        Golden.assertClose("running_var", runningVar, net.parameters().get("layer.running_var").value().toArray(), 0, 0, 0);
    }

    @Test
    void netSWithoutDropoutEndToEnd() {
        Golden g = new Golden("nets_no_dropout_forward_backward");
        Sequential net = new Sequential()
                .add("conv1", new Conv2d(1, 32, 3)).add(new ReLU()).add(new MaxPool2d(2))
                .add("conv2", new Conv2d(32, 64, 3)).add(new ReLU()).add(new MaxPool2d(2))
                .add(new Flatten()).add("fc", new Linear(1600, 10))
                .inputGradient(true)
                .build(Shape.of(1, 28, 28), 2, ComputeContext.defaults(), 1);
        Parameters p = net.parameters();
        p.get("conv1.weight").set(g.read("conv1_weight", 32, 1, 3, 3));
        p.get("conv1.bias").set(g.read("conv1_bias", 32));
        p.get("conv2.weight").set(g.read("conv2_weight", 64, 32, 3, 3));
        p.get("conv2.bias").set(g.read("conv2_bias", 64));
        p.get("fc.weight").set(g.read("fc_weight", 10, 1600));
        p.get("fc.bias").set(g.read("fc_bias", 10));
        float[] logits = net.forward(g.read("input", 2, 1, 28, 28), 2, true);
        g.assertClose("logits", logits, 2, 10);
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy(10, 2);
        double l = loss.forward(logits, g.readInts("target", 2), 2);
        g.assertClose("loss", new float[] {(float) l}, 1);
        float[] gx = net.backward(loss.gradient(), 2);
        g.assertClose("grad_input", gx, 2, 1, 28, 28);
        g.assertClose("grad_conv1_weight", p.get("conv1.weight").gradient().toArray(), 32, 1, 3, 3);
        g.assertClose("grad_conv1_bias", p.get("conv1.bias").gradient().toArray(), 32);
        g.assertClose("grad_conv2_weight", p.get("conv2.weight").gradient().toArray(), 64, 32, 3, 3);
        g.assertClose("grad_conv2_bias", p.get("conv2.bias").gradient().toArray(), 64);
        g.assertClose("grad_fc_weight", p.get("fc.weight").gradient().toArray(), 10, 1600);
        g.assertClose("grad_fc_bias", p.get("fc.bias").gradient().toArray(), 10);
    }
}

package dev.inkwell.optim;

import dev.inkwell.nn.ComputeContext;
import dev.inkwell.nn.Parameter;
import dev.inkwell.nn.Parameters;
import dev.inkwell.testing.Golden;
import dev.inkwell.tensor.Shape;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Function;

/**
 * The optimizer cases of the PyTorch golden vectors: two consecutive steps with given gradients; the
 * parameters and the optimizer state after each step within |got - want| &lt;= 1e-5 + 1e-4·|want|.
 */
class TorchGoldenOptimizerTest {

    private static void run(String name, List<int[]> shapes, Function<Parameters, Optimizer> make,
                            Function<Optimizer, float[][]> state, String... stateNames) {
        Golden g = new Golden(name);
        Parameters params = Parameters.of(List.of("p0", "p1"),
                shapes.stream().map(Shape::of).toList());
        for (int i = 0; i < 2; i++) {
            params.trainable().get(i).set(g.read("param" + i + "_init", shapes.get(i)));
        }
        Optimizer opt = make.apply(params);
        for (int step = 1; step <= 2; step++) {
            params.zeroGrad();
            for (int i = 0; i < 2; i++) {
                Parameter p = params.trainable().get(i);
                float[] grad = g.read("param" + i + "_grad_step" + step, shapes.get(i));
                System.arraycopy(grad, 0, p.grad(), p.offset(), grad.length);
            }
            opt.step();
            float[][] buffers = state.apply(opt);
            for (int i = 0; i < 2; i++) {
                Parameter p = params.trainable().get(i);
                g.assertClose("param" + i + "_after_step" + step, params.values(), p.offset(), Golden.ABS, Golden.REL,
                        shapes.get(i));
                for (int s = 0; s < stateNames.length; s++) {
                    g.assertClose("param" + i + "_" + stateNames[s] + "_after_step" + step, buffers[s], p.offset(),
                            Golden.ABS, Golden.REL, shapes.get(i));
                }
            }
        }
    }

    private static final List<int[]> SGD_SHAPES = List.of(new int[] {4, 5}, new int[] {5});
    private static final List<int[]> ADAM_SHAPES = List.of(new int[] {4, 5}, new int[] {6});

    private static float[][] momentum(Optimizer o) {
        return new float[][] {((Sgd) o).momentumBuffer()};
    }

    private static float[][] moments(Optimizer o) {
        Adam a = (Adam) o;
        return new float[][] {a.firstMoment(), a.secondMoment()};
    }

    @Test
    void sgdMomentumSmallWeightDecay() {
        run("sgd_momentum_wd5e-4", SGD_SHAPES,
                p -> new Sgd(p, Sgd.Config.of(0.1).momentum(0.9).weightDecay(5e-4), ComputeContext.defaults()),
                TorchGoldenOptimizerTest::momentum, "momentum");
    }

    @Test
    void sgdMomentumLargeWeightDecay() {
        run("sgd_momentum_wd0.1", SGD_SHAPES,
                p -> new Sgd(p, Sgd.Config.of(0.1).momentum(0.9).weightDecay(0.1), ComputeContext.defaults()),
                TorchGoldenOptimizerTest::momentum, "momentum");
    }

    @Test
    void sgdNesterov() {
        run("sgd_nesterov", SGD_SHAPES,
                p -> new Sgd(p, Sgd.Config.of(0.1).momentum(0.9).weightDecay(1e-4).nesterov(true),
                        ComputeContext.defaults()),
                TorchGoldenOptimizerTest::momentum, "momentum");
    }

    @Test
    void adam() {
        run("adam", ADAM_SHAPES, p -> new Adam(p, Adam.Config.of(0.01), ComputeContext.defaults()),
                TorchGoldenOptimizerTest::moments, "exp_avg", "exp_avg_sq");
    }

    @Test
    void adamW() {
        run("adamw", ADAM_SHAPES, p -> new AdamW(p, AdamW.defaults(0.01), ComputeContext.defaults()),
                TorchGoldenOptimizerTest::moments, "exp_avg", "exp_avg_sq");
    }
}

package dev.inkwell.benchmarks;

import dev.inkwell.nn.ComputeContext;
import dev.inkwell.nn.Conv2d;
import dev.inkwell.nn.Sequential;
import dev.inkwell.parallel.WorkerPool;
import dev.inkwell.tensor.Shape;

/** The convolution layers of the reference networks, as "name:Cin:Cout:H:W:K:pad". */
final class ConvShapes {
    static final String NETS_CONV1 = "nets-conv1:1:32:28:28:3:0";
    static final String NETS_CONV2 = "nets-conv2:32:64:13:13:3:0";
    static final String NETL_CONV2 = "netl-conv2:32:64:26:26:3:0";

    private ConvShapes() {
    }

    record Layer(int cin, int cout, int h, int w, int k, int pad) {
        int oh() {
            return h + 2 * pad - k + 1;
        }

        int ow() {
            return w + 2 * pad - k + 1;
        }

        /** Multiply-adds of one forward pass of one image. */
        long macs() {
            return (long) cout * cin * k * k * oh() * ow();
        }
    }

    static Layer parse(String spec) {
        String[] p = spec.split(":");
        return new Layer(Integer.parseInt(p[1]), Integer.parseInt(p[2]), Integer.parseInt(p[3]),
                Integer.parseInt(p[4]), Integer.parseInt(p[5]), Integer.parseInt(p[6]));
    }

    /** A one-layer network on one thread with the given kernels. */
    static Sequential network(Layer l, int batch, String impl, boolean inputGradient) {
        ComputeContext ctx = new ComputeContext(new WorkerPool(1), Impl.kernels(impl));
        return new Sequential().add("conv", new Conv2d(Conv2d.Spec.of(l.cin(), l.cout(), l.k()).padding(l.pad())))
                .inputGradient(inputGradient).build(Shape.of(l.cin(), l.h(), l.w()), batch, ctx, 1);
    }

    /** Direct 7-loop convolution: the baseline. */
    static void naiveForward(Layer l, int batch, float[] x, float[] wt, float[] y) {
        int oh = l.oh(), ow = l.ow();
        for (int n = 0; n < batch; n++) {
            for (int co = 0; co < l.cout(); co++) {
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) {
                        float s = 0f;
                        for (int ci = 0; ci < l.cin(); ci++) {
                            for (int ki = 0; ki < l.k(); ki++) {
                                int yy = i + ki - l.pad();
                                if (yy < 0 || yy >= l.h()) {
                                    continue;
                                }
                                for (int kj = 0; kj < l.k(); kj++) {
                                    int xx = j + kj - l.pad();
                                    if (xx >= 0 && xx < l.w()) {
                                        s += wt[((co * l.cin() + ci) * l.k() + ki) * l.k() + kj]
                                                * x[((n * l.cin() + ci) * l.h() + yy) * l.w() + xx];
                                    }
                                }
                            }
                        }
                        y[((n * l.cout() + co) * oh + i) * ow + j] = s;
                    }
                }
            }
        }
    }
}

package dev.inkwell.kernels;

import java.util.Locale;
import java.util.Optional;

/**
 * Chooses the kernels once per JVM. The system property {@code inkwell.simd} picks them:
 * {@code auto} (default: vector kernels when the {@code jdk.incubator.vector} module is present, else
 * scalar), {@code scalar}, or {@code vector} (fails when the module is absent).
 *
 * <p>The vector implementation is loaded reflectively after checking the module, so this class
 * never links against the Vector API (Lucene's pattern).
 */
public final class KernelsProvider {
    static final String PROPERTY = "inkwell.simd";
    private static final String MODULE = "jdk.incubator.vector";
    private static final String VECTOR_CLASS = "dev.inkwell.kernels.vector.VectorKernels";

    private KernelsProvider() {
    }

    /**
     * The kernels chosen for this JVM by {@code -Dinkwell.simd}.
     *
     * @return the vector kernels when the module is present and not disabled, else the scalar ones
     */
    public static Kernels get() {
        return Chosen.INSTANCE;
    }

    /**
     * The scalar kernels, always available.
     *
     * @return the scalar kernels
     */
    public static Kernels scalar() {
        return ScalarKernels.INSTANCE;
    }

    /**
     * The Vector API kernels, if this JVM was started with {@code --add-modules jdk.incubator.vector}.
     *
     * @return the vector kernels, or empty without the module
     */
    public static Optional<Kernels> vector() {
        return Optional.ofNullable(VectorHolder.INSTANCE);
    }

    private static final class VectorHolder {
        static final Kernels INSTANCE = loadVector();
    }

    private static final class Chosen {
        static final Kernels INSTANCE = choose(System.getProperty(PROPERTY, "auto"));
    }

    static Kernels choose(String mode) {
        switch (mode.trim().toLowerCase(Locale.ROOT)) {
            case "scalar":
                return scalar();
            case "vector":
                return vector().orElseThrow(() -> new IllegalStateException("-D" + PROPERTY
                        + "=vector needs the Vector API: start java with --add-modules " + MODULE));
            case "auto":
                return vector().orElseGet(() -> {
                    System.getLogger(KernelsProvider.class.getName()).log(System.Logger.Level.INFO,
                            "Vector API not available, using scalar kernels; "
                                    + "start java with --add-modules " + MODULE + " for SIMD kernels");
                    return scalar();
                });
            default:
                throw new IllegalArgumentException("-D" + PROPERTY + "=" + mode
                        + " is not one of auto, scalar, vector");
        }
    }

    private static Kernels loadVector() {
        if (ModuleLayer.boot().findModule(MODULE).isEmpty()) {
            return null;
        }
        try {
            return (Kernels) Class.forName(VECTOR_CLASS).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("the " + MODULE + " module is present but " + VECTOR_CLASS
                    + " could not be loaded", e);
        }
    }
}

package dev.inkwell.testing;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * One case of the PyTorch golden vectors: float32 IDX files (00 00 0D ndims, big-endian dims and
 * values). Deliberately a separate, minimal reader so core's tests do not depend on mnist-io.
 */
public final class Golden {
    /** The MANIFEST's suggested float32 tolerance: |got - want| &lt;= ABS + REL·|want|. */
    public static final double ABS = 1e-5, REL = 1e-4;

    private final Path dir;

    public Golden(String caseName) {
        this(SharedData.golden().resolve(caseName));
    }

    private Golden(Path dir) {
        this.dir = dir;
        if (!Files.isDirectory(dir)) {
            fail("golden case folder missing: " + dir);
        }
    }

    /** A case kept in this project's test resources (cases for layers the shared set does not cover). */
    public static Golden inResources(String caseName) {
        return new Golden(Path.of("src/test/resources/torch-golden").resolve(caseName));
    }

    /** The values of {@code name}.idx, whose shape must be {@code expectedShape}. */
    public float[] read(String name, int... expectedShape) {
        Path file = dir.resolve(name + ".idx");
        try (InputStream raw = Files.newInputStream(file); DataInputStream in = new DataInputStream(raw)) {
            int magic = in.readInt();
            if ((magic >>> 8) != 0x0D) {
                fail(file + ": not a float32 IDX file (magic " + Integer.toHexString(magic) + ")");
            }
            int[] dims = new int[magic & 0xFF];
            for (int i = 0; i < dims.length; i++) {
                dims[i] = in.readInt();
            }
            assertArrayEquals(expectedShape, dims, file + ": shape " + Arrays.toString(dims));
            float[] v = new float[Arrays.stream(dims).reduce(1, (a, b) -> a * b)];
            for (int i = 0; i < v.length; i++) {
                v[i] = in.readFloat();
            }
            assertEquals(-1, in.read(), file + ": bytes after the data");
            return v;
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file + ": " + e, e);
        }
    }

    /** Integer-valued data (targets) stored as float32. */
    public int[] readInts(String name, int... expectedShape) {
        float[] f = read(name, expectedShape);
        int[] out = new int[f.length];
        for (int i = 0; i < f.length; i++) {
            out[i] = (int) f[i];
        }
        return out;
    }

    /** Asserts {@code got} matches the golden file within |got - want| &lt;= abs + rel·|want|. */
    public void assertClose(String name, float[] got, int gotOffset, double abs, double rel, int... shape) {
        float[] want = read(name, shape);
        assertClose(dir.getFileName() + "/" + name, want, got, gotOffset, abs, rel);
    }

    public void assertClose(String name, float[] got, int... shape) {
        assertClose(name, got, 0, ABS, REL, shape);
    }

    public static void assertClose(String what, float[] want, float[] got, int gotOffset, double abs, double rel) {
        double worst = 0;
        int worstAt = -1;
        for (int i = 0; i < want.length; i++) {
            double err = Math.abs((double) got[gotOffset + i] - want[i]);
            double allowed = abs + rel * Math.abs(want[i]);
            if (!(err <= allowed) && (worstAt < 0 || err - allowed > worst)) {
                worst = err - allowed;
                worstAt = i;
            }
        }
        if (worstAt >= 0) {
            fail(what + ": element " + worstAt + " is " + got[gotOffset + worstAt] + ", want " + want[worstAt]
                    + " (tolerance " + abs + " + " + rel + "·|want|)");
        }
    }
}

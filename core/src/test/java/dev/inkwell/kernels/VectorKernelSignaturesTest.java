package dev.inkwell.kernels;

import dev.inkwell.testing.VectorPass;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * No method of the vector kernels takes or returns a vector, a mask, a shuffle or a species. When the JIT does not
 * inline such a method (whether it does depends on what it compiled first, so on the machine), the value
 * crossing the call is boxed, and on JDK 17 so is every value of the loop that produced it: a dot product's
 * tail taken as a method of its accumulator allocated gigabytes per training step on one machine and
 * nothing on another (a species passed in is no longer a constant, and no operation on it is compiled to
 * vector instructions). Each kernel method loads, computes and stores its vectors itself.
 */
@Tag(VectorPass.TAG)
class VectorKernelSignaturesTest {
    private static final String PACKAGE = "dev.inkwell.kernels.vector";

    @Test
    void noVectorCrossesAMethodBoundary() throws Exception {
        List<String> crossing = new ArrayList<>();
        List<Class<?>> kernels = vectorKernelClasses();
        assertFalse(kernels.isEmpty(), "no classes found in " + PACKAGE);
        for (Class<?> type : kernels) {
            for (Method m : type.getDeclaredMethods()) {
                boolean vectorIn = Stream.of(m.getParameterTypes()).anyMatch(VectorKernelSignaturesTest::isVectorApi);
                if (vectorIn || isVectorApi(m.getReturnType())) {
                    crossing.add(type.getSimpleName() + "." + m.getName());
                }
            }
        }
        assertEquals(List.of(), crossing);
    }

    private static boolean isVectorApi(Class<?> type) {
        return type.getPackageName().equals("jdk.incubator.vector");
    }

    private static List<Class<?>> vectorKernelClasses() throws IOException, URISyntaxException,
            ClassNotFoundException {
        Path root = Path.of(Kernels.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path dir = root.resolve(PACKAGE.replace('.', '/'));
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                String file = f.getFileName().toString();
                if (file.endsWith(".class") && !file.equals("package-info.class")) {
                    classes.add(Class.forName(PACKAGE + "." + file.substring(0, file.length() - ".class".length())));
                }
            }
        }
        return classes;
    }
}

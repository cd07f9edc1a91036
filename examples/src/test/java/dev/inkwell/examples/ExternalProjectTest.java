package dev.inkwell.examples;

import dev.inkwell.nn.Layer;
import dev.inkwell.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A user's program built on its own: {@code org.example.app.ScaledNet} (a test resource, not compiled by the
 * build) and the layer it uses, {@code org.example.inkwell.PerChannelScale} (a layer with weights, from core's
 * tests), are compiled here against the inkwell-core jar alone, as a separate project would be, then run: the
 * layer nested in a residual block, trained, saved, loaded through a registry, the outputs bit for bit.
 */
class ExternalProjectTest {
    private static final String SOURCE = "/external/org/example/app/ScaledNet.java";

    @TempDir
    Path dir;

    @Test
    void aLayerWrittenElsewhereCompilesAgainstTheJarTrainsSavesAndLoads() throws Exception {
        Path src = dir.resolve("src/org/example/app/ScaledNet.java");
        Files.createDirectories(src.getParent());
        try (InputStream in = ExternalProjectTest.class.getResourceAsStream(SOURCE)) {
            Files.copy(in, src);
        }
        Path coreJar = Path.of(Layer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        Path layer = SharedData.repoRoot().resolve("core/src/test/java/org/example/inkwell/PerChannelScale.java");
        int status = javac.run(null, diagnostics, diagnostics, "--release", "17", "-cp", coreJar.toString(),
                "-d", classes.toString(), src.toString(), layer.toString());
        assertEquals(0, status, "compiling against " + coreJar + ":\n" + diagnostics);

        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                ExternalProjectTest.class.getClassLoader())) {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            loader.loadClass("org.example.app.ScaledNet").getMethod("main", String[].class)
                    .invoke(null, (Object) new String[] {dir.resolve("scaled.inkwell").toString()});
        } finally {
            System.setOut(old);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        System.out.print(printed);
        assertTrue(printed.contains("same outputs bit for bit"), printed);
    }
}

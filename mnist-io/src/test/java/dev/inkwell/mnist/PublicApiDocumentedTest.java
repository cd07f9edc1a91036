package dev.inkwell.mnist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.DocumentationTool;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every public member of the two library modules, core and mnist-io, is documented: javadoc's full doclint,
 * missing comments and tags included, reports nothing. The build's javadoc jar checks everything but
 * completeness; this test checks that too.
 */
class PublicApiDocumentedTest {

    @Test
    void doclintFindsNothingInCoreOrMnistIo(@TempDir Path out) throws IOException {
        Path mnistIo = Path.of("src/main/java").toAbsolutePath();
        Path core = mnistIo.resolve("../../../../core/src/main/java").normalize();
        assertTrue(Files.isDirectory(core), "core's sources are not at " + core);

        DocumentationTool javadoc = ToolProvider.getSystemDocumentationTool();
        List<String> problems = new ArrayList<>();
        List<String> options = List.of("-quiet", "-Xdoclint:all", "-Xmaxwarns", "10000", "-d", out.toString(),
                "--add-modules", "jdk.incubator.vector",
                "-sourcepath", core + java.io.File.pathSeparator + mnistIo, "-subpackages", "dev.inkwell");
        boolean ok = javadoc.getTask(Writer.nullWriter(), null, d -> {
            String message = d.getMessage(Locale.ROOT);
            boolean incubating = message.contains("incubating module");
            if (d.getKind() != Diagnostic.Kind.NOTE && !incubating) {
                problems.add((d.getSource() == null ? "" : d.getSource().getName() + ":" + d.getLineNumber() + ": ")
                        + message);
            }
        }, null, options, null).call();

        assertTrue(ok, "javadoc failed: " + problems);
        assertEquals(List.of(), problems, problems.size() + " doclint findings");
    }
}

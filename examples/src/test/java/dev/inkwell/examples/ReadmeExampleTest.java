package dev.inkwell.examples;

import dev.inkwell.testing.SharedData;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** README's library example is QuickStart.java's main method, verbatim, so the README cannot drift from the API. */
class ReadmeExampleTest {

    @Test
    void readmeShowsQuickStartVerbatim() throws Exception {
        Path root = SharedData.repoRoot();
        String source = Files.readString(root.resolve("examples/src/main/java/dev/inkwell/examples/QuickStart.java"));
        String readme = Files.readString(root.resolve("README.md"));
        String body = source.substring(source.indexOf("    public static void main"), source.lastIndexOf('}'));
        assertTrue(readme.contains(body.stripTrailing()), "README.md must contain QuickStart's main method verbatim");
    }
}

package dev.inkwell.testing;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the project's shared test data (../shared beside the repository): the datasets named by
 * {@code $INKWELL_DATA} and the PyTorch golden vectors. Absent data skips the test with a message,
 * except when {@code INKWELL_REQUIRE_DATA=1} (CI), where it fails.
 */
public final class SharedData {
    private SharedData() {
    }

    /** The repository root: the nearest directory up from the working directory that holds core/pom.xml. */
    public static Path repoRoot() {
        Path cwd = Path.of("").toAbsolutePath();
        for (Path p = cwd; p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("core/pom.xml")) && Files.exists(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("no repository root (a folder with core/pom.xml) above " + cwd);
    }

    /** The dataset root of {@code $INKWELL_DATA} (relative paths are taken from the repository root). */
    public static Path datasets() {
        String env = System.getenv("INKWELL_DATA");
        if (env == null || env.isBlank()) {
            return missing("$INKWELL_DATA is not set (CI sets it to ../shared/datasets)");
        }
        Path p = Path.of(env);
        if (!p.isAbsolute()) {
            p = repoRoot().resolve(p).normalize();
        }
        return Files.isDirectory(p) ? p : missing("$INKWELL_DATA=" + env + " is not a directory (" + p + ")");
    }

    /** The torch-golden folder: {@code $INKWELL_GOLDEN} or ../shared/reference/torch-golden. */
    public static Path golden() {
        String env = System.getenv("INKWELL_GOLDEN");
        Path p = env != null && !env.isBlank() ? Path.of(env)
                : repoRoot().resolve("../shared/reference/torch-golden").normalize();
        return Files.isDirectory(p) ? p : missing("PyTorch golden vectors not found at " + p);
    }

    private static Path missing(String why) {
        if ("1".equals(System.getenv("INKWELL_REQUIRE_DATA"))) {
            throw new AssertionError(why + ", and INKWELL_REQUIRE_DATA=1 requires it");
        }
        Assumptions.abort(why + "; skipping");
        return null;
    }
}

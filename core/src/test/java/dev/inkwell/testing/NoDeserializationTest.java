package dev.inkwell.testing;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Nothing in the project's main code may deserialise Java objects: a model file from a stranger must
 * never be able to make the loader run code. Fails the build if such a class appears in any module.
 */
class NoDeserializationTest {
    private static final List<String> BANNED = List.of("ObjectInputStream", "XMLDecoder", "readObject(",
            "readUnshared(");

    @Test
    void noMainSourceUsesJavaDeserialization() throws Exception {
        Path root = SharedData.repoRoot();
        List<Path> sources;
        try (Stream<Path> files = Files.walk(root)) {
            sources = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> root.relativize(p).toString().replace('\\', '/').matches("[^/]+/src/main/java/.*"))
                    .toList();
        }
        assertTrue(sources.size() > 50, "found only " + sources.size() + " main sources under " + root);
        StringBuilder offenders = new StringBuilder();
        for (Path source : sources) {
            String text = Files.readString(source);
            for (String banned : BANNED) {
                if (text.contains(banned)) {
                    offenders.append('\n').append(root.relativize(source)).append(": ").append(banned);
                }
            }
        }
        assertEquals("", offenders.toString(), "Java deserialisation in main code");
    }
}

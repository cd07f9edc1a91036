package dev.inkwell.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A write that fails half-way (a full disk, a crash in the producer) leaves the old file as it was. */
class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void leftoversOfKilledWritesAreRemovedAndAFailureNamesTheFile() throws Exception {
        Path target = dir.resolve("model.inkwell");
        Path stale = Files.createFile(dir.resolve(".model.inkwell.123.partial"));
        Files.setLastModifiedTime(stale, java.nio.file.attribute.FileTime.from(
                java.time.Instant.now().minus(AtomicFiles.STALE).minusSeconds(60)));
        Path recent = Files.createFile(dir.resolve(".model.inkwell.456.partial")); // another write, under way
        AtomicFiles.write(target, out -> out.write(1));
        assertFalse(Files.exists(stale), "a killed write's leftover is removed");
        assertTrue(Files.exists(recent), "a write under way is left alone");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            throw new IOException("No space left on device");
        }));
        assertEquals(target + ": could not be written: No space left on device", e.getMessage());
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoLitter() throws Exception {
        Path target = dir.resolve("model.inkwell");
        byte[] old = "the old model".getBytes();
        Files.write(target, old);
        IOException full = new IOException("No space left on device");
        IOException thrown = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write(new byte[100_000]);
            throw full;
        }));
        assertSame(full, thrown.getCause());
        assertEquals(target + ": could not be written: No space left on device", thrown.getMessage());
        assertArrayEquals(old, Files.readAllBytes(target));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "the temporary file is removed");
        }
        assertThrows(IllegalStateException.class, () -> AtomicFiles.write(target, out -> {
            out.write(1);
            throw new IllegalStateException("a bug in the producer");
        }));
        assertArrayEquals(old, Files.readAllBytes(target));
    }

    @Test
    void aSuccessfulWriteReplacesTheFileReadableByAll() throws Exception {
        Path target = dir.resolve("sub/dir/out.bin");
        AtomicFiles.write(target, out -> out.write(new byte[] {1, 2, 3}));
        AtomicFiles.write(target, out -> out.write(new byte[] {4, 5}));
        assertArrayEquals(new byte[] {4, 5}, Files.readAllBytes(target));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
    }
}

package dev.inkwell.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;

/**
 * Writes files so that readers see either the old complete file or the new complete file, never a
 * partial one: the content goes to a temporary file in the same directory, is forced to disk, and is
 * then renamed over the target in one atomic step.
 */
public final class AtomicFiles {

    /** Produces a file's content. */
    @FunctionalInterface
    public interface Writer {
        /**
         * Writes the whole content to {@code out}.
         *
         * @param out the temporary file's stream
         * @throws IOException if writing fails
         */
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    /** A temporary file of a write older than this was left by a killed process, and is removed. */
    static final Duration STALE = Duration.ofHours(1);

    /**
     * Writes {@code target} atomically with what {@code writer} produces; on failure the target is untouched,
     * and the error names it. Temporary files that killed writes of the same target left behind are removed.
     *
     * @param target the file to write
     * @param writer produces the content
     * @throws IOException if the file cannot be written, naming it
     */
    public static void write(Path target, Writer writer) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        removeStaleTemporaries(dir, target.getFileName().toString());
        Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".partial");
        try {
            readableByAll(temp);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
                 OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16)) {
                writer.writeTo(out);
                out.flush();
                channel.force(true);
            }
            moveIntoPlace(temp, target);
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            String m = e.getMessage() == null ? e.toString() : e.getMessage();
            throw m.contains(target.toString()) ? e : new IOException(target + ": could not be written: " + m, e);
        } catch (RuntimeException | Error e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    /** Deletes {@code .NAME.*.partial} files in {@code dir} untouched for {@link #STALE}. */
    private static void removeStaleTemporaries(Path dir, String name) {
        Instant cutoff = Instant.now().minus(STALE);
        try (DirectoryStream<Path> stale = Files.newDirectoryStream(dir, "." + name + ".*.partial")) {
            for (Path p : stale) {
                if (Files.getLastModifiedTime(p).toInstant().isBefore(cutoff)) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            // leftovers are untidy, not wrong: the write goes on
        }
    }

    /** A temporary file is private (rw-------); the finished file gets the usual rw-r--r--. */
    private static void readableByAll(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    /**
     * Renames a complete file in the target's directory over the target, atomically where the file system can.
     *
     * @param complete the complete file
     * @param target the file it replaces
     * @throws IOException if the rename fails
     */
    public static void moveIntoPlace(Path complete, Path target) throws IOException {
        try {
            Files.move(complete, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(complete, target, StandardCopyOption.REPLACE_EXISTING);
        }
        syncDirectory(target.toAbsolutePath().getParent());
    }

    /** Forces a directory entry change (the rename) to disk; a no-op where the platform cannot. */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not every platform can open a directory; the rename itself is still atomic
        }
    }
}

package dev.inkwell.examples.cli;

import dev.inkwell.mnist.IdxFormatException;
import dev.inkwell.model.ModelFormatException;
import dev.inkwell.train.TrainingDivergedException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What every command shares: running it with the documented exit statuses, and checks of output paths. */
final class CommandLine {
    /** A command's body: returns the exit status. */
    @FunctionalInterface
    interface Command {
        int run(String[] args) throws UsageException, IOException;
    }

    private CommandLine() {
    }

    /**
     * {@code --threads N}: all processors by default, at most four threads a processor (more only wait their
     * turn, and each costs its share of buffers).
     */
    static int threads(Options o) throws UsageException {
        int processors = Runtime.getRuntime().availableProcessors();
        return o.integer("threads", processors, 1, 4 * processors);
    }

    /** Runs a command, turning its failures into a one-line message and the documented exit status. */
    static int run(Command command, String usage, String[] args) {
        // java.util.logging in one line a record (the library's SIMD hint), with the stack trace when there is one
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "inkwell: %5$s%6$s%n");
        }
        try {
            return command.run(args);
        } catch (UsageException e) {
            System.err.println("inkwell: " + e.getMessage());
            System.err.print(usage);
            return 2;
        } catch (IdxFormatException | ModelFormatException | TrainingDivergedException e) {
            System.err.println("inkwell: error: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            System.err.println("inkwell: error: " + describe(e));
            return 1;
        }
    }

    /** Why input {@code arg} failed, without the file name the message may begin with (the caller prints it). */
    static String reason(String arg, Exception e) {
        String m = e instanceof IOException io ? describe(io) : e.toString();
        return m.startsWith(arg + ": ") ? m.substring(arg.length() + 2) : m;
    }

    /** An I/O failure in words: the JDK's exceptions for missing files carry only the path. */
    static String describe(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException n) {
            return n.getFile() + ": no such file" + (n.getReason() != null ? " (" + n.getReason() + ")" : "");
        }
        if (e instanceof java.nio.file.AccessDeniedException a) {
            return a.getFile() + ": permission denied";
        }
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }

    /** Fails before any long work if {@code file} could not be written. */
    static void checkWritable(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        if (Files.isDirectory(file)) {
            throw new IOException(file + ": is a directory; give a file name");
        }
        Path probe = Files.createTempFile(dir, ".inkwell-write-test", ".tmp");
        Files.delete(probe);
    }

    /** Fails before any long work if files could not be created in {@code dir}. */
    static void checkWritableDirectory(Path dir) throws IOException {
        checkWritable(dir.resolve("report.md"));
    }
}

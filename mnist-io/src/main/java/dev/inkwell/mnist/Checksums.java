package dev.inkwell.mnist;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;

/** SHA-256 of a file's content after decompression (gzip recognised from its first bytes). */
public final class Checksums {
    private Checksums() {
    }

    /**
     * Lower-case hex SHA-256 of the decompressed content of {@code file}.
     *
     * @param file the file, gzipped or not
     * @return the checksum
     * @throws IOException if the file cannot be read
     */
    public static String sha256OfContent(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        try (InputStream in = openDecompressed(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) >= 0; ) {
                digest.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * Whether the file starts with the gzip magic bytes 1f 8b.
     *
     * @param file the file
     * @return whether it is gzipped
     * @throws IOException if the file cannot be read
     */
    public static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }

    private static InputStream openDecompressed(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        try {
            return isGzip(file) ? new GZIPInputStream(raw, 1 << 16) : raw;
        } catch (IOException e) {
            raw.close();
            throw new IOException(file + ": not a valid gzip file: " + e.getMessage(), e);
        }
    }
}

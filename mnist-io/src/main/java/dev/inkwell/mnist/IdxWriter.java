package dev.inkwell.mnist;

import dev.inkwell.io.AtomicFiles;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes IDX files, raw or gzipped, atomically (a reader never sees a partial file). */
public final class IdxWriter {
    private IdxWriter() {
    }

    /**
     * Writes {@code array} to {@code file}, gzip-compressed when {@code gzip}.
     *
     * @param file where to write
     * @param array the array
     * @param gzip whether to compress
     * @throws IOException if the file cannot be written
     */
    public static void write(Path file, IdxArray array, boolean gzip) throws IOException {
        AtomicFiles.write(file, out -> {
            if (gzip) {
                GZIPOutputStream z = new GZIPOutputStream(out, 1 << 16);
                writeTo(z, array);
                z.finish();
            } else {
                writeTo(out, array);
            }
        });
    }

    /**
     * The raw (uncompressed) IDX bytes of {@code array}.
     *
     * @param array the array
     * @return the bytes
     */
    public static byte[] toBytes(IdxArray array) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writeTo(out, array);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array stream does not fail
        }
        return out.toByteArray();
    }

    private static void writeTo(OutputStream out, IdxArray array) throws IOException {
        out.write(new byte[] {0, 0, (byte) array.type().code(), (byte) array.rank()});
        for (int d : array.dims()) {
            out.write(new byte[] {(byte) (d >>> 24), (byte) (d >>> 16), (byte) (d >>> 8), (byte) d});
        }
        out.write(array.rawData());
    }
}

package dev.inkwell.mnist;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * A strict reader of IDX files, raw or gzipped (recognised from the content's {@code 1f 8b}, not the
 * name). Accepts every element type and any number of dimensions; rejects anything else with an
 * {@link IdxFormatException} that names the file, the byte offset and what was expected.
 *
 * <p>Sizes are checked against what the file can hold before anything is allocated: a raw file must
 * be exactly as long as its header says, and a gzip file cannot claim more than deflate's maximum
 * expansion (about 1032:1) of its compressed size. So a hostile header can neither make the reader
 * allocate gigabytes nor read past what exists.
 */
public final class IdxReader {
    /** Deflate's maximum expansion ratio (a run of one byte compresses at most about 1032:1). */
    static final long MAX_GZIP_EXPANSION = 1032;
    private static final long MAX_ARRAY_BYTES = Integer.MAX_VALUE - 8;

    private IdxReader() {
    }

    /**
     * Reads one IDX file, raw or gzipped.
     *
     * @param file the file
     * @return its array
     * @throws IOException if the file cannot be read; {@link IdxFormatException} if it is not valid IDX
     */
    public static IdxArray read(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException(file + ": is a directory, not an IDX file");
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new IOException(file + ": is not a regular file (a pipe or a device?)");
        }
        long size = Files.size(file);
        try (InputStream in = Files.newInputStream(file)) {
            return read(file.toString(), in, size);
        }
    }

    /**
     * Reads IDX content held in memory; {@code source} names it in error messages.
     *
     * @param source the name of the content
     * @param content the bytes, uncompressed
     * @return the array
     * @throws IdxFormatException if the content is not valid IDX
     */
    public static IdxArray read(String source, byte[] content) throws IdxFormatException {
        try {
            return read(source, new ByteArrayInputStream(content), content.length);
        } catch (IdxFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new IdxFormatException(source, -1, e.toString(), e); // a byte array does not fail to read
        }
    }

    /** Reads IDX content of {@code size} bytes (as stored, compressed or not) from a stream. */
    static IdxArray read(String source, InputStream stream, long size) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(stream, 1 << 16);
        buffered.mark(2);
        boolean gzip = buffered.read() == 0x1f && buffered.read() == 0x8b;
        buffered.reset();
        Content in = new Content(source, gzip ? openGzip(source, buffered) : buffered, gzip);

        byte[] head = in.readHeader(4, "the 4-byte magic number");
        if (head[0] != 0 || head[1] != 0) {
            throw new IdxFormatException(source, 0, String.format(
                    "bad magic number %02x %02x %02x %02x; an IDX file starts with 00 00, then the type and the "
                            + "number of dimensions", head[0], head[1], head[2], head[3]));
        }
        IdxType type = IdxType.ofCode(head[2] & 0xFF);
        if (type == null) {
            throw new IdxFormatException(source, 2, String.format("unknown element type 0x%02x; expected 0x08 "
                    + "(unsigned byte), 0x09, 0x0B, 0x0C, 0x0D or 0x0E", head[2] & 0xFF));
        }
        int rank = head[3] & 0xFF;
        if (rank == 0) {
            throw new IdxFormatException(source, 3, "0 dimensions; expected at least 1");
        }
        byte[] dimBytes = in.readHeader(4 * rank, rank + " dimension sizes");
        int[] dims = new int[rank];
        long count = 1;
        for (int i = 0; i < rank; i++) {
            int p = 4 * i;
            dims[i] = (dimBytes[p] & 0xFF) << 24 | (dimBytes[p + 1] & 0xFF) << 16 | (dimBytes[p + 2] & 0xFF) << 8
                    | (dimBytes[p + 3] & 0xFF);
            if (dims[i] <= 0) {
                throw new IdxFormatException(source, 4 + p, "dimension " + i + " is " + dims[i]
                        + "; expected a positive size");
            }
            count *= dims[i];
            if (count > Integer.MAX_VALUE) {
                throw new IdxFormatException(source, 4 + p, "dimensions " + Arrays.toString(Arrays.copyOf(dims, i + 1))
                        + (i + 1 < rank ? "..." : "") + " hold more than " + Integer.MAX_VALUE
                        + " elements (the element count overflows int)");
            }
        }
        long headerBytes = 4 + 4L * rank;
        long dataBytes = count * type.bytes();
        if (dataBytes > MAX_ARRAY_BYTES) {
            throw new IdxFormatException(source, headerBytes, "the header declares " + dataBytes
                    + " bytes of data, more than one Java array holds");
        }
        if (!gzip && headerBytes + dataBytes != size) {
            long have = size - headerBytes;
            throw new IdxFormatException(source, Math.min(size, headerBytes + dataBytes), have < dataBytes
                    ? "data shorter than the header says: " + Arrays.toString(dims) + " " + type + " needs "
                    + dataBytes + " bytes after the header, the file has " + have
                    : "data longer than the header says: " + (have - dataBytes) + " bytes after the last element");
        }
        if (gzip && headerBytes + dataBytes > size * MAX_GZIP_EXPANSION) {
            throw new IdxFormatException(source, headerBytes, "the header declares " + dataBytes + " bytes of data, "
                    + "more than a gzip file of " + size + " bytes can decompress to");
        }
        byte[] data = new byte[(int) dataBytes];
        in.readData(data);
        in.expectEnd(headerBytes + dataBytes);
        return new IdxArray(type, dims, data);
    }

    private static InputStream openGzip(String source, InputStream in) throws IdxFormatException {
        try {
            return new GZIPInputStream(in, 1 << 16);
        } catch (ZipException | EOFException e) {
            throw new IdxFormatException(source, 0, "not a valid gzip stream: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IdxFormatException(source, 0, "cannot read the gzip header: " + e, e);
        }
    }

    /** The decompressed content, read with its position tracked and gzip failures turned into format errors. */
    private static final class Content {
        private final String source;
        private final InputStream in;
        private final boolean gzip;
        private long position;

        Content(String source, InputStream in, boolean gzip) {
            this.source = source;
            this.in = in;
            this.gzip = gzip;
        }

        byte[] readHeader(int n, String what) throws IOException {
            byte[] b = new byte[n];
            int got = fill(b);
            if (got < n) {
                throw new IdxFormatException(source, position, "the file ends inside the header: expected " + what);
            }
            return b;
        }

        void readData(byte[] data) throws IOException {
            int got = fill(data);
            if (got < data.length) {
                throw new IdxFormatException(source, position, "data shorter than the header says: it ends after "
                        + got + " of " + data.length + " bytes");
            }
        }

        void expectEnd(long end) throws IOException {
            int extra = read(new byte[1], 0, 1);
            if (extra > 0) {
                throw new IdxFormatException(source, end, "data longer than the header says: bytes follow the last "
                        + "element");
            }
        }

        private int fill(byte[] b) throws IOException {
            int off = 0;
            while (off < b.length) {
                int n = read(b, off, b.length - off);
                if (n < 0) {
                    break;
                }
                off += n;
            }
            return off;
        }

        private int read(byte[] b, int off, int len) throws IOException {
            try {
                int n = in.read(b, off, len);
                if (n > 0) {
                    position += n;
                }
                return n;
            } catch (EOFException e) {
                throw new IdxFormatException(source, position, gzip ? "truncated gzip stream (" + e.getMessage() + ")"
                        : "unexpected end of file", e);
            } catch (ZipException e) {
                throw new IdxFormatException(source, position, "corrupt gzip data: " + e.getMessage(), e);
            }
        }
    }
}

package dev.inkwell.mnist;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Just enough of the tar (ustar) format to copy one regular file out of an archive stream. */
final class Tar {
    private static final int BLOCK = 512;

    private Tar() {
    }

    /**
     * Copies the entry named {@code name} to {@code out}. Refuses entries larger than {@code maxBytes}.
     *
     * @return false when the archive ends without that entry
     */
    static boolean extract(InputStream in, String name, OutputStream out, long maxBytes) throws IOException {
        byte[] header = new byte[BLOCK];
        while (readBlock(in, header)) {
            if (isZero(header)) {
                return false; // end-of-archive marker
            }
            String entry = field(header, 0, 100);
            String prefix = field(header, 345, 155);
            if (!prefix.isEmpty()) {
                entry = prefix + "/" + entry;
            }
            long size = octal(header, 124, 12);
            byte type = header[156];
            long padded = (size + BLOCK - 1) / BLOCK * BLOCK;
            if (entry.equals(name) && (type == '0' || type == 0)) {
                if (size > maxBytes) {
                    throw new IOException("tar entry " + name + " is " + size + " bytes, expected at most " + maxBytes);
                }
                copy(in, out, size);
                skip(in, padded - size);
                return true;
            }
            skip(in, padded);
        }
        return false;
    }

    private static boolean readBlock(InputStream in, byte[] b) throws IOException {
        int off = 0;
        while (off < b.length) {
            int n = in.read(b, off, b.length - off);
            if (n < 0) {
                if (off == 0) {
                    return false;
                }
                throw new IOException("tar archive ends inside a header");
            }
            off += n;
        }
        return true;
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private static String field(byte[] h, int off, int len) {
        int end = off;
        while (end < off + len && h[end] != 0) {
            end++;
        }
        return new String(h, off, end - off, StandardCharsets.US_ASCII);
    }

    private static long octal(byte[] h, int off, int len) throws IOException {
        String s = field(h, off, len).trim();
        try {
            return s.isEmpty() ? 0 : Long.parseLong(s, 8);
        } catch (NumberFormatException e) {
            throw new IOException("bad size field in tar header: '" + s + "'", e);
        }
    }

    private static void copy(InputStream in, OutputStream out, long n) throws IOException {
        byte[] buf = new byte[1 << 16];
        while (n > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, n));
            if (r < 0) {
                throw new IOException("tar archive ends inside an entry");
            }
            out.write(buf, 0, r);
            n -= r;
        }
    }

    private static void skip(InputStream in, long n) throws IOException {
        byte[] buf = new byte[BLOCK * 16];
        while (n > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, n));
            if (r < 0) {
                throw new IOException("tar archive ends inside an entry");
            }
            n -= r;
        }
    }
}

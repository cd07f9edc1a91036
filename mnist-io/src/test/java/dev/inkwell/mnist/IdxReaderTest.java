package dev.inkwell.mnist;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every element type, raw and gzipped, round-trips; every kind of broken file is refused clearly. */
class IdxReaderTest {
    @TempDir
    Path dir;

    private static IdxArray sample(IdxType type) {
        int[] dims = {2, 3, 4};
        int n = 24;
        return switch (type) {
            case UNSIGNED_BYTE -> {
                byte[] v = new byte[n];
                for (int i = 0; i < n; i++) {
                    v[i] = (byte) (i * 11); // crosses 127: values up to 253
                }
                yield IdxArray.ofUnsignedBytes(v, dims);
            }
            case SIGNED_BYTE -> {
                byte[] v = new byte[n];
                for (int i = 0; i < n; i++) {
                    v[i] = (byte) (i * 11 - 128);
                }
                yield IdxArray.ofSignedBytes(v, dims);
            }
            case SHORT -> {
                short[] v = new short[n];
                for (int i = 0; i < n; i++) {
                    v[i] = (short) (i * 1000 - 12000);
                }
                yield IdxArray.ofShorts(v, dims);
            }
            case INT -> {
                int[] v = new int[n];
                for (int i = 0; i < n; i++) {
                    v[i] = i * 100_000_000 - 1_000_000_000;
                }
                yield IdxArray.ofInts(v, dims);
            }
            case FLOAT -> {
                float[] v = new float[n];
                for (int i = 0; i < n; i++) {
                    v[i] = (float) Math.sin(i) * 1e3f;
                }
                yield IdxArray.ofFloats(v, dims);
            }
            case DOUBLE -> {
                double[] v = new double[n];
                for (int i = 0; i < n; i++) {
                    v[i] = Math.cos(i) * 1e-3;
                }
                yield IdxArray.ofDoubles(v, dims);
            }
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"UNSIGNED_BYTE", "SIGNED_BYTE", "SHORT", "INT", "FLOAT", "DOUBLE"})
    void everyTypeRoundTripsRawAndGzipped(String typeName) throws IOException {
        IdxType type = IdxType.valueOf(typeName);
        IdxArray a = sample(type);
        for (boolean gzip : new boolean[] {false, true}) {
            // a misleading name: gzip is recognised from the content
            Path file = dir.resolve(type + (gzip ? ".raw" : ".gz"));
            IdxWriter.write(file, a, gzip);
            assertEquals(gzip, Checksums.isGzip(file));
            IdxArray b = IdxReader.read(file);
            assertEquals(type, b.type());
            assertArrayEquals(new int[] {2, 3, 4}, b.dims());
            assertArrayEquals(a.toDoubleArray(), b.toDoubleArray(), 0);
            assertArrayEquals(a.toFloatArray(), b.toFloatArray(), 0);
        }
        assertEquals(type.code(), IdxWriter.toBytes(a)[2]);
    }

    @Test
    void valuesAreDecodedBigEndianWithTheRightSignedness() throws IOException {
        assertEquals(253, sample(IdxType.UNSIGNED_BYTE).toIntArray()[23]);
        assertEquals(-128, sample(IdxType.SIGNED_BYTE).toIntArray()[0]);
        byte[] file = {0, 0, 0x0B, 1, 0, 0, 0, 2, (byte) 0xFF, (byte) 0xFE, 0x01, 0x02};
        assertArrayEquals(new int[] {-2, 258}, IdxReader.read("shorts", file).toIntArray());
        byte[] floats = {0, 0, 0x0D, 1, 0, 0, 0, 1, 0x3F, (byte) 0xC0, 0, 0};
        assertEquals(1.5f, IdxReader.read("floats", floats).toFloatArray()[0]);
    }

    @Test
    void manyDimensions() throws IOException {
        int[] dims = {1, 2, 1, 3, 1, 2, 1};
        IdxArray a = IdxArray.ofInts(new int[12], dims);
        assertArrayEquals(dims, IdxReader.read("seven", IdxWriter.toBytes(a)).dims());
    }

    private static byte[] header(int type, int... dims) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length);
        b.put((byte) 0).put((byte) 0).put((byte) type).put((byte) dims.length);
        for (int d : dims) {
            b.putInt(d);
        }
        return b.array();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(content);
        }
        return out.toByteArray();
    }

    /** Reads {@code content} from a file named "broken.idx" and checks the error names it, the offset and the reason. */
    private IdxFormatException refused(byte[] content, long offset, String reason) throws IOException {
        Path file = dir.resolve("broken.idx");
        Files.write(file, content);
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.read(file));
        assertTrue(e.getMessage().startsWith(file + ": at byte " + offset + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertEquals(offset, e.offset());
        return e;
    }

    @Test
    void badMagic() throws IOException {
        refused(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 0}, 0, "bad magic number 89 50 4e 47");
        refused(new byte[] {0, 1, 8, 1, 0, 0, 0, 0}, 0, "bad magic");
    }

    @Test
    void unknownTypeAndNoDimensions() throws IOException {
        refused(concat(header(0x0A, 1), new byte[1]), 2, "unknown element type 0x0a");
        refused(header(0x08), 3, "0 dimensions");
    }

    @Test
    void zeroOrNegativeDimensions() throws IOException {
        refused(header(0x08, 3, 0), 8, "dimension 1 is 0");
        refused(header(0x08, -5), 4, "dimension 0 is -5");
        refused(header(0x08, 0x80000000), 4, "is -2147483648");
    }

    @Test
    void elementCountOverflowingInt() throws IOException {
        refused(header(0x08, 65536, 65536, 2), 8, "overflows int");
        refused(header(0x0E, 1 << 29), 8, "more than one Java array holds");
    }

    @Test
    void dataShorterOrLongerThanTheHeaderSays() throws IOException {
        refused(concat(header(0x0C, 2, 3), new byte[23]), 12 + 23, "data shorter than the header says");
        refused(concat(header(0x0C, 2, 3), new byte[25]), 12 + 24, "data longer than the header says: 1 bytes");
        refused(gzip(concat(header(0x0C, 2, 3), new byte[23])), 12 + 23, "data shorter than the header says");
        refused(gzip(concat(header(0x0C, 2, 3), new byte[30])), 12 + 24, "data longer than the header says");
    }

    @Test
    void truncatedHeader() throws IOException {
        refused(new byte[0], 0, "the file ends inside the header");
        refused(new byte[] {0, 0, 8}, 3, "ends inside the header");
        refused(new byte[] {0, 0, 8, 2, 0, 0, 0, 1, 0, 0}, 10, "expected 2 dimension sizes");
    }

    @Test
    void hugeClaimsAreRefusedBeforeAllocating() throws IOException {
        // 1.9 GB of unsigned bytes claimed by a 40-byte gzip file: refused from the sizes alone
        refused(gzip(header(0x08, 1_900_000_000)), 8, "more than a gzip file of");
        refused(header(0x08, 1_900_000_000), 8, "the file has 0");
    }

    @Test
    void truncatedAndCorruptGzip() throws IOException {
        byte[] good = gzip(IdxWriter.toBytes(sample(IdxType.FLOAT)));
        Path file = dir.resolve("t.gz");
        Files.write(file, Arrays.copyOf(good, good.length - 12));
        IdxFormatException cut = assertThrows(IdxFormatException.class, () -> IdxReader.read(file));
        assertTrue(cut.getMessage().contains("gzip"), cut.getMessage());

        byte[] badCrc = good.clone();
        badCrc[badCrc.length - 6] ^= 0x55; // the CRC-32 in the trailer
        Files.write(file, badCrc);
        IdxFormatException crc = assertThrows(IdxFormatException.class, () -> IdxReader.read(file));
        assertTrue(crc.getMessage().contains("corrupt gzip data"), crc.getMessage());

        byte[] badDeflate = good.clone();
        for (int i = 12; i < 20; i++) {
            badDeflate[i] = (byte) 0xFF;
        }
        Files.write(file, badDeflate);
        IdxFormatException deflate = assertThrows(IdxFormatException.class, () -> IdxReader.read(file));
        assertTrue(deflate.getMessage().startsWith(file + ": at byte "), deflate.getMessage());

        Files.write(file, new byte[] {0x1f, (byte) 0x8b, 8});
        IdxFormatException header = assertThrows(IdxFormatException.class, () -> IdxReader.read(file));
        assertTrue(header.getMessage().contains("gzip"), header.getMessage());
    }

    @Test
    void directoriesAndMissingFiles() {
        IOException e = assertThrows(IOException.class, () -> IdxReader.read(dir));
        assertTrue(e.getMessage().contains("is a directory"), e.getMessage());
        assertThrows(java.nio.file.NoSuchFileException.class, () -> IdxReader.read(dir.resolve("nope")));
    }

    @Test
    void writesAreAtomicAndLeaveNoTemporaryFiles() throws IOException {
        Path file = dir.resolve("out.idx");
        IdxWriter.write(file, sample(IdxType.INT), false);
        IdxWriter.write(file, sample(IdxType.SHORT), true);
        assertEquals(IdxType.SHORT, IdxReader.read(file).type());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }
}

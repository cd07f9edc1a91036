package dev.inkwell.mnist.image;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Checks a PNG's chunk structure before it is decoded: Java's PNG reader ignores chunk CRCs and
 * decodes a file cut short after its image data as if it were whole, so damage would reach the
 * network as a plausible picture instead of an error.
 */
final class PngStructure {
    private static final int SIGNATURE = 8;

    private PngStructure() {
    }

    static void check(byte[] png, String source) throws ImageFormatException {
        int at = SIGNATURE;
        boolean first = true;
        while (true) {
            if (at + 8 > png.length) {
                throw new ImageFormatException(source, "truncated PNG: the file ends at byte " + png.length
                        + " before its IEND chunk");
            }
            long length = Integer.toUnsignedLong(readInt(png, at));
            String type = new String(png, at + 4, 4, StandardCharsets.ISO_8859_1);
            if (length > png.length - at - 12L) {
                throw new ImageFormatException(source, "truncated PNG: chunk '" + printable(type) + "' at byte " + at
                        + " declares " + length + " bytes but the file ends at byte " + png.length);
            }
            if (first && !type.equals("IHDR")) {
                throw new ImageFormatException(source, "damaged PNG: the first chunk is '" + printable(type)
                        + "', not IHDR");
            }
            first = false;
            CRC32 crc = new CRC32();
            crc.update(png, at + 4, 4 + (int) length);
            int stored = readInt(png, at + 8 + (int) length);
            if ((int) crc.getValue() != stored) {
                throw new ImageFormatException(source, "damaged PNG: chunk '" + printable(type) + "' at byte " + at
                        + " fails its CRC check");
            }
            if (type.equals("IEND")) {
                return;
            }
            at += 12 + (int) length;
        }
    }

    private static int readInt(byte[] b, int at) {
        return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }

    private static String printable(String type) {
        return type.chars().allMatch(c -> c >= 0x21 && c < 0x7F) ? type : "?";
    }
}

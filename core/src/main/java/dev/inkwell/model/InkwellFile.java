package dev.inkwell.model;

import dev.inkwell.io.AtomicFiles;
import dev.inkwell.tensor.Shape;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code .inkwell} container, shared by model files and checkpoints. All numbers big-endian:
 * <pre>
 *   "INKWELL\n"                         8 bytes of magic
 *   u32 format version                  (1)
 *   u32 H, then H bytes of UTF-8 text   header: one "key: value" per line, keys may repeat
 *   u32 T, then T tensors               each: u16 name length, name (UTF-8), u8 rank, rank x u32 dims,
 *                                       then the float32 values
 *   32 bytes                            SHA-256 of everything before it
 * </pre>
 * Reading checks the magic, the version and the checksum first, then every length against the bytes
 * that remain before allocating anything for it. No Java serialization: the file is only data.
 */
public final class InkwellFile {
    static final byte[] MAGIC = "INKWELL\n".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    private static final int DIGEST_BYTES = 32;
    /** Larger than any sensible model; a bigger file is refused before it is read. */
    static final long MAX_FILE_BYTES = 1L << 30;

    private final List<Map.Entry<String, String>> header;
    private final Map<String, Tensor> tensors;

    /** One named float32 tensor. */
    public record Tensor(String name, Shape shape, float[] values) {
    }

    /**
     * A file of these header entries, in order, and named tensors.
     *
     * @param header the header entries
     * @param tensors the tensors by name
     */
    public InkwellFile(List<Map.Entry<String, String>> header, Map<String, Tensor> tensors) {
        this.header = List.copyOf(header);
        this.tensors = new LinkedHashMap<>(tensors);
    }

    /**
     * The header entries, in file order.
     *
     * @return the entries
     */
    public List<Map.Entry<String, String>> header() {
        return header;
    }

    /**
     * The tensors by name, in file order.
     *
     * @return the tensors
     */
    public Map<String, Tensor> tensors() {
        return tensors;
    }

    /**
     * The value of the only header line with this key.
     *
     * @param key the key
     * @return its value
     * @throws ModelFormatException if the key is missing or repeated
     */
    public String value(String key) throws ModelFormatException {
        List<String> all = values(key);
        if (all.size() != 1) {
            throw new ModelFormatException("header needs exactly one '" + key + "' line, has " + all.size());
        }
        return all.get(0);
    }

    /**
     * The values of every header line with this key, in order.
     *
     * @param key the key
     * @return its values, empty when there are none
     */
    public List<String> values(String key) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : header) {
            if (e.getKey().equals(key)) {
                out.add(e.getValue());
            }
        }
        return out;
    }

    /**
     * Writes the file atomically.
     *
     * @param file where to write
     * @throws IOException if the file cannot be written
     */
    public void write(Path file) throws IOException {
        byte[] bytes = toBytes();
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    byte[] toBytes() throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(buffer);
        out.write(MAGIC);
        out.writeInt(VERSION);
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, String> e : header) {
            if (e.getKey().contains(":") || e.getKey().contains("\n") || e.getValue().contains("\n")) {
                throw new IllegalArgumentException("header line '" + e.getKey() + ": " + e.getValue()
                        + "' has a ':' in its key or a line break");
            }
            text.append(e.getKey()).append(": ").append(e.getValue()).append('\n');
        }
        byte[] h = text.toString().getBytes(StandardCharsets.UTF_8);
        out.writeInt(h.length);
        out.write(h);
        out.writeInt(tensors.size());
        for (Tensor t : tensors.values()) {
            byte[] name = t.name().getBytes(StandardCharsets.UTF_8);
            out.writeShort(name.length);
            out.write(name);
            out.writeByte(t.shape().rank());
            for (int d : t.shape().toArray()) {
                out.writeInt(d);
            }
            ByteBuffer values = ByteBuffer.allocate(4 * t.values().length);
            values.asFloatBuffer().put(t.values());
            out.write(values.array());
        }
        out.flush();
        byte[] body = buffer.toByteArray();
        byte[] all = Arrays.copyOf(body, body.length + DIGEST_BYTES);
        System.arraycopy(sha256(body, body.length), 0, all, body.length, DIGEST_BYTES);
        return all;
    }

    /**
     * Reads and validates a file.
     *
     * @param file the file
     * @return its contents
     * @throws IOException if the file cannot be read or is not valid; {@link ModelFormatException} says what is wrong
     */
    public static InkwellFile read(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new ModelFormatException(file + ": is a directory, not a model file");
        }
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw new ModelFormatException(file + ": " + size + " bytes, larger than any model this library writes");
        }
        try {
            return parse(Files.readAllBytes(file));
        } catch (ModelFormatException e) {
            throw new ModelFormatException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses the bytes of a file.
     *
     * @param bytes the file's bytes
     * @return its contents
     * @throws ModelFormatException if the bytes are not a valid file
     */
    public static InkwellFile parse(byte[] bytes) throws ModelFormatException {
        if (bytes.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
            throw new ModelFormatException("not an Inkwell model file (it does not start with INKWELL)");
        }
        if (bytes.length < MAGIC.length + 4) {
            throw new ModelFormatException("truncated: " + bytes.length + " bytes");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        in.position(MAGIC.length);
        int version = in.getInt();
        if (version != VERSION) {
            throw new ModelFormatException("format version " + version + "; this version of Inkwell reads version "
                    + VERSION);
        }
        if (bytes.length < MAGIC.length + 12 + DIGEST_BYTES) {
            throw new ModelFormatException("truncated: " + bytes.length + " bytes");
        }
        int bodyLength = bytes.length - DIGEST_BYTES;
        byte[] want = Arrays.copyOfRange(bytes, bodyLength, bytes.length);
        if (!MessageDigest.isEqual(want, sha256(bytes, bodyLength))) {
            throw new ModelFormatException("checksum mismatch: the file is damaged or truncated");
        }
        in.limit(bodyLength);
        try {
            int h = checkedLength(in, in.getInt(), "header");
            byte[] text = new byte[h];
            in.get(text);
            List<Map.Entry<String, String>> header = parseHeader(new String(text, StandardCharsets.UTF_8));
            int count = in.getInt();
            if (count < 0 || count > in.remaining() / 3) {
                throw new ModelFormatException("tensor count " + count + " does not fit in the file");
            }
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                Tensor t = readTensor(in);
                if (tensors.put(t.name(), t) != null) {
                    throw new ModelFormatException("tensor '" + t.name() + "' appears twice");
                }
            }
            if (in.hasRemaining()) {
                throw new ModelFormatException(in.remaining() + " unexpected bytes after the last tensor");
            }
            return new InkwellFile(header, tensors);
        } catch (java.nio.BufferUnderflowException e) {
            throw new ModelFormatException("truncated: a length points past the end of the file", e);
        }
    }

    private static Tensor readTensor(ByteBuffer in) throws ModelFormatException {
        int nameLength = checkedLength(in, in.getShort() & 0xFFFF, "tensor name");
        byte[] name = new byte[nameLength];
        in.get(name);
        String n = new String(name, StandardCharsets.UTF_8);
        int rank = in.get() & 0xFF;
        if (rank == 0 || rank > 8) {
            throw new ModelFormatException("tensor '" + n + "' has rank " + rank + "; expected 1 to 8");
        }
        int[] dims = new int[rank];
        long count = 1;
        for (int d = 0; d < rank; d++) {
            dims[d] = in.getInt();
            if (dims[d] < 1) {
                throw new ModelFormatException("tensor '" + n + "' dimension " + d + " is " + dims[d]);
            }
            count *= dims[d];
            if (count * 4 > in.remaining()) {
                throw new ModelFormatException("tensor '" + n + "' of shape " + Arrays.toString(dims)
                        + " needs more bytes than the file holds");
            }
        }
        float[] values = new float[(int) count];
        in.asFloatBuffer().get(values);
        in.position(in.position() + 4 * (int) count);
        return new Tensor(n, Shape.of(dims), values);
    }

    private static int checkedLength(ByteBuffer in, int length, String what) throws ModelFormatException {
        if (length < 0 || length > in.remaining()) {
            throw new ModelFormatException(what + " length " + length + " exceeds the " + in.remaining()
                    + " bytes that remain");
        }
        return length;
    }

    private static List<Map.Entry<String, String>> parseHeader(String text) throws ModelFormatException {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(": ");
            if (colon <= 0) {
                throw new ModelFormatException("header line '" + line + "' is not 'key: value'");
            }
            out.add(Map.entry(line.substring(0, colon), line.substring(colon + 2)));
        }
        return out;
    }

    private static byte[] sha256(byte[] bytes, int length) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(bytes, 0, length);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}

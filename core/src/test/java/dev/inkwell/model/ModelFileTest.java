package dev.inkwell.model;

import dev.inkwell.models.ReferenceNets;
import dev.inkwell.nn.ComputeContext;
import dev.inkwell.nn.ImageLevels;
import dev.inkwell.nn.Layer;
import dev.inkwell.nn.Recentre;
import dev.inkwell.nn.Sequential;
import dev.inkwell.nn.ViewAverage;
import dev.inkwell.init.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Model files round-trip exactly; damaged, foreign and lying files are refused with a clear message. */
class ModelFileTest {
    @TempDir
    Path dir;

    private static Model model(String arch) {
        Sequential net = ReferenceNets.byName(arch).build(ReferenceNets.INPUT_SHAPE, 8, ComputeContext.defaults(), 3);
        if (net.parameters().state().length > 0) { // non-default running statistics, so that state round-trips too
            net.parameters().state()[0] = 0.25f;
        }
        return new Model(net, arch, 0.1307f, 0.3081f, List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
                Map.of("dataset", "mnist", "epochs", "2"));
    }

    private static float[] inputs(int n) {
        Rng rng = new Rng(5);
        float[] x = new float[n * 784];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        return x;
    }

    @Test
    void aLoadedModelPredictsBitIdentically() throws IOException {
        for (String arch : ReferenceNets.NAMES) {
            Model saved = model(arch);
            Path file = dir.resolve(arch + ".inkwell");
            saved.save(file);
            Model loaded = Model.load(file, ComputeContext.defaults(), 8);
            assertSameAnswers(saved, loaded, arch);
            assertArrayEquals(saved.network().parameters().values(), loaded.network().parameters().values(), 0f);
            assertArrayEquals(saved.network().parameters().state(), loaded.network().parameters().state(), 0f);
            assertEquals(saved.info(), loaded.info());
            assertEquals(arch, loaded.architecture());
            assertEquals(saved.network().summary(), loaded.network().summary());
        }
    }

    @Test
    void viewAveragingModelsRoundTrip() throws IOException {
        for (ViewAverage.Views views : ViewAverage.Views.values()) {
            ViewAverage block = new ViewAverage(views);
            for (Layer layer : ReferenceNets.netS().layers()) {
                block.add(layer);
            }
            Sequential net = new Sequential().add(block).build(ReferenceNets.INPUT_SHAPE, 8, ComputeContext.defaults(),
                    3);
            Model saved = new Model(net, "nets", 0.2860f, 0.3530f, List.of("0", "1", "2", "3", "4", "5", "6", "7",
                    "8", "9"), Map.of());
            Path file = dir.resolve(views + ".inkwell");
            saved.save(file);
            Model loaded = Model.load(file, ComputeContext.defaults(), 8);
            assertSameAnswers(saved, loaded, views + " averaging");
            assertEquals(saved.network().summary(), loaded.network().summary());
        }
    }

    @Test
    void inputLayersRoundTrip() throws IOException {
        Sequential net = new Sequential().add(new ImageLevels(-0.4242, 2.8215)).add(new Recentre(-0.4242));
        for (Layer layer : ReferenceNets.netS().layers()) {
            net.add(layer);
        }
        net.build(ReferenceNets.INPUT_SHAPE, 8, ComputeContext.defaults(), 3);
        Model saved = new Model(net, "nets", 0.1307f, 0.3081f, List.of("0", "1", "2", "3", "4", "5", "6", "7",
                "8", "9"), Map.of());
        Path file = dir.resolve("levels-recentre.inkwell");
        saved.save(file);
        Model loaded = Model.load(file, ComputeContext.defaults(), 8);
        assertSameAnswers(saved, loaded, "levels and recentre");
        assertEquals(saved.network().summary(), loaded.network().summary());
    }

    private static void assertSameAnswers(Model saved, Model loaded, String what) {
        float[] x = inputs(8);
        float[] a = new float[80], b = new float[80];
        saved.classify(x, 8, a);
        loaded.classify(x, 8, b);
        assertArrayEquals(a, b, 0f, what);
    }

    private byte[] saved() throws IOException {
        Path file = dir.resolve("m.inkwell");
        model("nets").save(file);
        return Files.readAllBytes(file);
    }

    private void refused(byte[] bytes, String reason) throws IOException {
        Path file = dir.resolve("bad.inkwell");
        Files.write(file, bytes);
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> Model.load(file, ComputeContext.defaults(), 1));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    /** Re-seals a modified file with a valid checksum, to reach the checks behind it. */
    private static byte[] resealed(byte[] body) throws Exception {
        byte[] out = Arrays.copyOf(body, body.length + 32);
        System.arraycopy(MessageDigest.getInstance("SHA-256").digest(body), 0, out, body.length, 32);
        return out;
    }

    @Test
    void truncatedAndBitFlippedFiles() throws IOException {
        byte[] good = saved();
        refused(Arrays.copyOf(good, good.length - 1), "checksum mismatch");
        refused(Arrays.copyOf(good, 30), "truncated");
        refused(Arrays.copyOf(good, 10), "truncated");
        for (int at : new int[] {20, good.length / 2, good.length - 40}) {
            byte[] flipped = good.clone();
            flipped[at] ^= 0x10;
            refused(flipped, "checksum mismatch");
        }
    }

    @Test
    void foreignFilesAndOtherVersions() throws Exception {
        refused("PK\3\4 a zip file, not a model".getBytes(StandardCharsets.US_ASCII), "not an Inkwell model file");
        refused(new byte[0], "not an Inkwell model file");
        byte[] good = saved();
        byte[] v2 = good.clone();
        v2[11] = 2;
        refused(v2, "format version 2");
        refused(resealed(Arrays.copyOf(good, good.length - 32 - 4)), "needs more bytes than the file holds");
    }

    @Test
    void sizeLyingHeadersAreRefusedBeforeAllocating() throws Exception {
        byte[] good = saved();
        ByteBuffer b = ByteBuffer.wrap(good);
        // the header length field at byte 12: claim 2 GB
        byte[] lying = good.clone();
        ByteBuffer.wrap(lying).putInt(12, Integer.MAX_VALUE);
        refused(resealed(Arrays.copyOf(lying, lying.length - 32)), "header length");
        // the first tensor's first dimension: claim 2^30 rows
        int headerLength = b.getInt(12);
        int tensorStart = 16 + headerLength + 4;
        int nameLength = b.getShort(tensorStart) & 0xFFFF;
        int firstDim = tensorStart + 2 + nameLength + 1;
        byte[] huge = good.clone();
        ByteBuffer.wrap(huge).putInt(firstDim, 1 << 30);
        refused(resealed(Arrays.copyOf(huge, huge.length - 32)), "needs more bytes than the file holds");
        // tensor count
        byte[] many = good.clone();
        ByteBuffer.wrap(many).putInt(16 + headerLength, Integer.MAX_VALUE);
        refused(resealed(Arrays.copyOf(many, many.length - 32)), "tensor count");
    }

    @Test
    void architectureAndTensorsMustAgree() throws Exception {
        byte[] good = saved();
        String text = new String(good, StandardCharsets.ISO_8859_1);
        // a layer that does not exist
        byte[] unknown = text.replace("layer: relu1 ReLU", "layer: relu1 Gelu").getBytes(StandardCharsets.ISO_8859_1);
        refused(resealed(Arrays.copyOf(unknown, unknown.length - 32)), "unknown layer type 'Gelu'");
        // a layer whose weights have another shape
        byte[] wide = text.replace("in=1600 out=10", "in=1600 out=11").getBytes(StandardCharsets.ISO_8859_1);
        refused(resealed(Arrays.copyOf(wide, wide.length - 32)), "architecture");
        // another kind of file in the same container
        byte[] other = text.replace("format: inkwell-model", "format: inkwell-other").getBytes(StandardCharsets.ISO_8859_1);
        refused(resealed(Arrays.copyOf(other, other.length - 32)), "'inkwell-other' file");
    }

    @Test
    void directoriesAreNotModels() {
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> Model.load(dir, ComputeContext.defaults(), 1));
        assertTrue(e.getMessage().contains("is a directory"), e.getMessage());
    }
}

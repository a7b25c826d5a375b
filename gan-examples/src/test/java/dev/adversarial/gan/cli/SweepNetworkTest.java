package dev.adversarial.gan.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.adversarial.gan.core.io.Npy;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `gan sweep --baseline` on the real MNIST with the real scorer (Parzen protocol and classifier
 * metrics). Tagged "network" like EvaluateNetworkTest: MNIST is fetched on first use and the
 * evaluation classifier is trained once and cached.
 */
@Tag("network")
class SweepNetworkTest {
    @TempDir
    Path out;

    static JsonNode json(Path file) throws Exception {
        return new ObjectMapper().readTree(file.toFile());
    }

    @Test
    void realTrainingImagesScoreAboutWhatTheFirstTenThousandDo() throws Exception {
        CliEndToEndTest.Result r = CliEndToEndTest.gan("sweep", "--baseline", "real", "--seeds", "1", "--out",
                out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode v = json(out.resolve("seed-1/scores.json")).get("values");
        // The first 10,000 training images score 241.19 ± 2.13 (EvaluateNetworkTest); 10,000 drawn by seed 1 are
        // another draw of the same kind, measured at 242.18 on 2026-12-02.
        assertThat(v.get("parzen").asDouble()).isCloseTo(242.18, within(0.01));
        assertThat(v.get("parzen_se").asDouble()).isCloseTo(2.11, within(0.01));
        assertThat(v.get("fid").asDouble()).isBetween(0.0, 0.3);
        assertThat(v.get("precision").asDouble()).isGreaterThan(0.8);
        JsonNode summary = json(out.resolve("summary.json"));
        assertThat(summary.get("command").asText()).isEqualTo("gan sweep --baseline real --seeds 1 --out " + out);
        assertThat(summary.get("seeds")).hasSize(1);
        assertThat(summary.get("mean_sd").get("parzen").get("mean").asDouble()).isEqualTo(v.get("parzen").asDouble());
    }

    @Test
    void kmeansCentroidsAreKeptScoredAndReusedWhenOnlyTheScoresAreMissing() throws Exception {
        String[] args = {"sweep", "--baseline", "kmeans", "--seeds", "3", "--n", "300", "--kmeans-iterations", "3",
            "--out", out.toString()};
        CliEndToEndTest.Result r = CliEndToEndTest.gan(args);
        assertThat(r.code()).as(r.err()).isZero();
        Npy.Array centroids = Npy.read(out.resolve("seed-3/centroids.npy"));
        assertThat(centroids.shape()).containsExactly(300, 784);
        JsonNode scores = json(out.resolve("seed-3/scores.json"));
        assertThat(scores.get("values").get("kmeans_iterations").asInt()).isBetween(1, 3);
        assertThat(scores.get("values").get("parzen").asDouble()).isFinite();
        assertThat(scores.get("details").get("kmeans_inertia_by_iteration").size())
                .isEqualTo(scores.get("values").get("kmeans_iterations").asInt());

        CliEndToEndTest.Result again = CliEndToEndTest.gan(args);
        assertThat(again.out()).contains("Seed 3: done and scored").doesNotContain("k-means with k");

        Files.delete(out.resolve("seed-3/scores.json"));
        CliEndToEndTest.Result rescored = CliEndToEndTest.gan(args);
        assertThat(rescored.code()).as(rescored.err()).isZero();
        assertThat(rescored.out()).contains("reusing the centroids").doesNotContain("k-means with k");
        assertThat(json(out.resolve("seed-3/scores.json")).get("values").get("parzen").asDouble())
                .isEqualTo(scores.get("values").get("parzen").asDouble());
    }
}

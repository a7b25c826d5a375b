package dev.adversarial.gan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Backends;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.cli.EvaluateCommandTest.Cli;
import dev.adversarial.gan.core.data.ArrayDataset;
import dev.adversarial.gan.core.data.DataPaths;
import dev.adversarial.gan.core.data.Mnist;
import dev.adversarial.gan.core.train.GanModel;
import dev.adversarial.gan.recipes.ConditionalTestRecipe;
import dev.adversarial.gan.recipes.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `gan evaluate conditional`: the argument checks run anywhere; the evaluation itself needs MNIST
 * and the evaluation classifier (trained once and cached), so it is tagged "network".
 */
class EvaluateConditionalCommandTest {
    @TempDir
    Path dir;

    @Test
    void anUnconditionalCheckpointIsRefusedWithWhatToRunInstead() throws Exception {
        Path paper = EvaluateNetworkTest.untrainedPaperCheckpoint(dir.resolve("paper"));
        Cli r = Cli.run("evaluate", "conditional", "--checkpoint", paper.toString(), "--n", "10");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("holds an unconditional generator (recipe paper-mnist)")
                .contains("gan evaluate all --checkpoint " + paper);
    }

    @Test
    void tooFewSamplesPerClassAndAMissingCheckpointAreRefused() {
        Cli few = Cli.run("evaluate", "conditional", "--checkpoint", dir.resolve("c").toString(), "--n", "2");
        assertThat(few.exitCode()).isEqualTo(1);
        assertThat(few.err()).contains("--n must be at least 5 samples per class");
        Cli missing = Cli.run("evaluate", "conditional", "--checkpoint", dir.resolve("none").toString());
        assertThat(missing.err()).contains("No checkpoint at");
        Cli help = Cli.run("evaluate", "--help");
        assertThat(help.out()).contains("conditional");
    }

    @Test
    void aDataSetWithoutAClassifierIsRefused() throws Exception {
        Path ckpt = checkpoint(dir.resolve("cond"), null);
        Cli r = Cli.run("evaluate", "conditional", "--checkpoint", ckpt.toString(), "--dataset", "cifar");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("exists for mnist and fashion-mnist").contains("'cifar'");
    }

    /**
     * A generator that draws each class near its class-mean image (a stand-in for a trained
     * conditional G) is recognised by the classifier nearly always, yet covers almost none of
     * each class's variety, which the per-class recall shows; the JSON has every class. (On
     * 2026-12-02, with the cached mlp784-512-256-v1 classifier: accuracy 100% in every class,
     * precision 1.000, recall 0.000, FID 57 to 149.)
     */
    @Tag("network")
    @Test
    void classMeanGeneratorsAreRecognisedPerClassAndWrittenAsJson() throws Exception {
        // Only the means are kept: the command loads MNIST itself, and two copies in a 1 GB test heap are one too many.
        Path ckpt = checkpoint(dir.resolve("proto"), classMeans(Mnist.load(DataPaths.cacheDir()).train()));
        Path json = dir.resolve("cond.json");
        Cli r = Cli.run("evaluate", "conditional", "--checkpoint", ckpt.toString(), "--n", "200", "--json", json.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        System.out.print(r.out());
        assertThat(r.out()).contains("overall accuracy").contains("class  samples  accuracy");
        JsonNode j = new ObjectMapper().readTree(json.toFile());
        assertThat(j.get("samples").asInt()).isEqualTo(2000);
        assertThat(j.get("classes")).hasSize(10);
        assertThat(j.get("accuracy").asDouble()).isGreaterThan(0.95);
        for (JsonNode c : j.get("classes")) {
            assertThat(c.get("samples").asInt()).isEqualTo(200);
            assertThat(c.get("real_images").asInt()).isBetween(800, 1200);
            assertThat(c.get("fid").asDouble()).isPositive();
            assertThat(c.get("recall").asDouble()).isLessThan(0.1);
            assertThat(c.has("kid") && c.has("classifier_score") && c.has("precision") && c.has("recall")).isTrue();
        }
        assertThat(j.get("confusion")).hasSize(10);
    }

    /** The test recipe's checkpoint: untrained, or drawing near these class means when given. */
    static Path checkpoint(Path file, float[][] means) throws Exception {
        Backend b = Backends.get("cpu");
        ConditionalTestRecipe recipe = new ConditionalTestRecipe();
        Settings settings = recipe.settings(Map.of());
        try (GanModel model = recipe.model(b, new Rng(1), settings, null)) {
            if (means != null) {
                ConditionalTestRecipe.prototypeGenerator(model, b, means, new Rng(2));
            }
            Files.createDirectories(file.getParent());
            return TestFiles.checkpoint(file, recipe, settings, model, 1);
        }
    }

    static float[][] classMeans(ArrayDataset data) {
        int d = data.exampleSize();
        float[][] means = new float[10][d];
        int[] count = new int[10];
        for (int i = 0; i < data.size(); i++) {
            int c = data.label(i);
            count[c]++;
            for (int p = 0; p < d; p++) {
                means[c][p] += data.values()[i * d + p];
            }
        }
        for (int c = 0; c < 10; c++) {
            for (int p = 0; p < d; p++) {
                means[c][p] /= count[c];
            }
        }
        return means;
    }
}

package dev.adversarial.gan.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sweep's bookkeeping on the toy-1d recipe (seconds, no network): per-seed runs through
 * TrainingRun, skipping what is done, resuming what was interrupted, and the summary. The
 * samples are 1-D, so they are scored by their mean and standard deviation (what toy-1d learns,
 * a Gaussian of mean 2 and sd 0.5) instead of the MNIST metrics, which EvaluateNetworkTest covers.
 */
class SweepTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SMALL = List.of("data.size=2000", "batch=200");

    @TempDir
    Path out;

    /** Mean and standard deviation of 1-D samples, with a record of which seeds it scored. */
    static final class MomentScorer implements SampleScorer {
        final List<Long> scored = new ArrayList<>();

        @Override
        public Scores score(float[] samples, int n, int rowSize, long seed) {
            assertThat(rowSize).isEqualTo(1);
            scored.add(seed);
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += samples[i] / (double) n;
            }
            double squares = 0;
            for (int i = 0; i < n; i++) {
                squares += (samples[i] - mean) * (samples[i] - mean);
            }
            Map<String, Double> v = new LinkedHashMap<>();
            v.put("sample_mean", mean);
            v.put("sample_sd", Math.sqrt(squares / (n - 1)));
            return new Scores(v, Map.of());
        }

        @Override
        public String description() {
            return "mean and sd of the 1-D samples";
        }
    }

    private static final com.google.inject.Injector INJECTOR = Wiring.injector();
    static final Recipes RECIPES = INJECTOR.getInstance(Recipes.class);
    static final TrainingRun RUNS = INJECTOR.getInstance(TrainingRun.class);
    static final BackendOptions CPU = BackendOptions.of("cpu", null, INJECTOR.getInstance(BackendFactory.class));

    static Sweep sweep(int epochs, MomentScorer scorer) {
        return new Sweep(new SweepTraining(RECIPES, RUNS, "toy-1d", SMALL, epochs, 500, CPU), scorer,
                "gan sweep (test)");
    }

    static JsonNode json(Path file) throws Exception {
        return JSON.readTree(file.toFile());
    }

    @Test
    void trainsScoresSkipsAndResumes() throws Exception {
        MomentScorer first = new MomentScorer();
        SweepSummary s = sweep(2, first).run(List.of(1L, 2L), out);
        assertThat(first.scored).containsExactly(1L, 2L);
        for (long seed : List.of(1L, 2L)) {
            JsonNode run = json(out.resolve("seed-" + seed + "/run.json"));
            assertThat(run.get("status").asText()).isEqualTo("finished");
            assertThat(run.get("seed").asLong()).isEqualTo(seed);
            JsonNode scores = json(out.resolve("seed-" + seed + "/scores.json"));
            assertThat(scores.get("values").get("epochs").asInt()).isEqualTo(2);
            assertThat(scores.get("values").get("train_seconds").asDouble()).isPositive();
            assertThat(scores.get("samples").asInt()).isEqualTo(500);
        }
        // The two seeds trained differently, and the summary's mean is the mean of their rows.
        double m1 = json(out.resolve("seed-1/scores.json")).get("values").get("sample_mean").asDouble();
        double m2 = json(out.resolve("seed-2/scores.json")).get("values").get("sample_mean").asDouble();
        assertThat(m1).isNotEqualTo(m2);
        assertThat(s.spreads().get("sample_mean").mean()).isCloseTo((m1 + m2) / 2, within(1e-12));
        assertThat(s.spreads().get("sample_mean").sd()).isCloseTo(Math.abs(m1 - m2) / Math.sqrt(2), within(1e-12));
        String md = Files.readString(out.resolve("summary.md"));
        assertThat(md).contains("| seed | epochs | train_seconds | sample_mean | sample_sd |").contains("| 1 | 2 |")
                .contains("| 2 | 2 |").contains("| mean ± sd (n = 2) |").contains("- machine: ")
                .contains("- command: `gan sweep (test)`");
        assertThat(json(out.resolve("summary.json")).get("seeds")).hasSize(2);

        // Seed 3 as a killed run leaves it: one epoch checkpointed of two, run.json still "running".
        Path three = out.resolve("seed-3");
        RUNS.start("toy-1d", SMALL, 1, 3, three, CPU);
        ObjectNode record = (ObjectNode) json(three.resolve("run.json"));
        record.put("status", "running").put("epochs", 2).remove("finished");
        Files.writeString(three.resolve("run.json"), record.toString());

        byte[] runOne = Files.readAllBytes(out.resolve("seed-1/run.json"));
        byte[] scoresOne = Files.readAllBytes(out.resolve("seed-1/scores.json"));
        MomentScorer second = new MomentScorer();
        SweepSummary again = sweep(2, second).run(List.of(1L, 2L, 3L), out);
        assertThat(second.scored).as("seeds 1 and 2 are done and scored").containsExactly(3L);
        assertThat(Files.readAllBytes(out.resolve("seed-1/run.json"))).isEqualTo(runOne);
        assertThat(Files.readAllBytes(out.resolve("seed-1/scores.json"))).isEqualTo(scoresOne);
        JsonNode resumed = json(three.resolve("run.json"));
        assertThat(resumed.get("resumed_at_epoch").asInt()).isEqualTo(1);
        assertThat(resumed.get("status").asText()).isEqualTo("finished");
        assertThat(json(three.resolve("scores.json")).get("values").get("epochs").asInt()).isEqualTo(2);
        assertThat(again.rows()).extracting(SweepSummary.Row::seed).containsExactly(1L, 2L, 3L);

        // Another sample count scores the trained seeds again without training them.
        MomentScorer fewer = new MomentScorer();
        new Sweep(new SweepTraining(RECIPES, RUNS, "toy-1d", SMALL, 2, 400, CPU), fewer, "test")
                .run(List.of(1L), out);
        assertThat(fewer.scored).containsExactly(1L);
        assertThat(Files.readAllBytes(out.resolve("seed-1/run.json"))).isEqualTo(runOne);
        assertThat(json(out.resolve("seed-1/scores.json")).get("samples").asInt()).isEqualTo(400);

        // Asking for more epochs extends every seed's run instead of starting it over.
        MomentScorer third = new MomentScorer();
        sweep(3, third).run(List.of(1L), out);
        assertThat(third.scored).containsExactly(1L);
        assertThat(json(out.resolve("seed-1/run.json")).get("resumed_at_epoch").asInt()).isEqualTo(2);
        assertThat(json(out.resolve("seed-1/scores.json")).get("values").get("epochs").asInt()).isEqualTo(3);
    }

    @Test
    void aRunKilledBeforeItsFirstCheckpointStartsOver() throws Exception {
        MomentScorer scorer = new MomentScorer();
        Path dir = out.resolve("seed-4");
        Files.createDirectories(dir);
        // What TrainingRun leaves when it dies during the first epoch: a run.json and no checkpoint.
        RunRecord.create(dir).put("recipe", "toy-1d").put("seed", 4)
                .put("settings", RECIPES.recipe("toy-1d").settings(
                        dev.adversarial.gan.recipes.Settings.parseOverrides(SMALL)).asMap())
                .put("epochs", 1).put("status", "running").save();
        sweep(1, scorer).run(List.of(4L), out);
        assertThat(scorer.scored).containsExactly(4L);
        JsonNode run = json(dir.resolve("run.json"));
        assertThat(run.get("status").asText()).isEqualTo("finished");
        assertThat(run.has("resumed_at_epoch")).isFalse();
    }

    @Test
    void aSeedDirectoryFromAnotherConfigurationIsRefused() throws Exception {
        RUNS.start("toy-1d", List.of("data.size=1000", "batch=200"), 1, 5, out.resolve("seed-5"), CPU);
        assertThatThrownBy(() -> sweep(1, new MomentScorer()).run(List.of(5L), out))
                .hasMessageContaining("seed-5 holds a run of recipe toy-1d, seed 5")
                .hasMessageContaining("choose another --out");
    }

    @Test
    void commandLineMistakesGetOneSentence() {
        CliEndToEndTest.Result neither = CliEndToEndTest.gan("sweep", "--seeds", "1", "--out", out.toString());
        assertThat(neither.code()).isEqualTo(1);
        assertThat(neither.err()).contains("Say what to sweep: --recipe NAME");
        CliEndToEndTest.Result toy = CliEndToEndTest.gan("sweep", "--recipe", "toy-1d", "--seeds", "1", "--out",
                out.toString());
        assertThat(toy.err()).contains("recipe toy-1d trains on 'gaussian'");
        CliEndToEndTest.Result seeds = CliEndToEndTest.gan("sweep", "--recipe", "paper-mnist", "--seeds", "1,one",
                "--out", out.toString());
        assertThat(seeds.err()).contains("'one' is not one");
        CliEndToEndTest.Result baseline = CliEndToEndTest.gan("sweep", "--baseline", "gaussian", "--seeds", "1",
                "--out", out.toString());
        assertThat(baseline.err()).contains("--baseline takes real or kmeans, got 'gaussian'");
        CliEndToEndTest.Result help = CliEndToEndTest.gan("sweep", "--help");
        assertThat(help.out()).contains("Seeds run one after another");
        assertThat(out.resolve("seed-1")).doesNotExist();
    }
}

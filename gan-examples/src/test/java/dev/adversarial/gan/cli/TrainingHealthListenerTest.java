package dev.adversarial.gan.cli;

import static dev.adversarial.gan.cli.CliEndToEndTest.gan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Backends;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.api.optim.Adam;
import dev.adversarial.gan.cli.CliEndToEndTest.Result;
import dev.adversarial.gan.core.checkpoint.CheckpointFormat;
import dev.adversarial.gan.core.data.GaussianMixture1D;
import dev.adversarial.gan.core.loss.GanLoss;
import dev.adversarial.gan.core.nn.Init;
import dev.adversarial.gan.core.nn.Linear;
import dev.adversarial.gan.core.train.AdversarialTrainer;
import dev.adversarial.gan.core.train.GanModel;
import dev.adversarial.gan.core.train.IterationMetrics;
import dev.adversarial.gan.core.train.NoisePrior;
import dev.adversarial.gan.core.train.TrainingConfig;
import dev.adversarial.gan.core.train.UpdateMode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training health warnings: saturation, divergence and collapse, for any recipe. */
class TrainingHealthListenerTest {
    @TempDir
    Path tmp;

    private final Backend b = Backends.get("cpu");
    private final List<TrainingHealthListener.Warning> warnings = new ArrayList<>();

    /** A 1-D GAN whose generator starts as the constant 0: collapsed from the first step. */
    private AdversarialTrainer constantGenerator() {
        Rng rng = new Rng(1);
        GanModel m = new GanModel(new Linear(b, rng, 1, 1, Init.zeros(), Init.zeros()),
                new Linear(b, rng, 1, 1, Init.normal(1), Init.zeros()), NoisePrior.normal(1, 0, 1), new int[] {1});
        return new AdversarialTrainer(b, m, new Adam(m.discriminator().parameters(), 1e-3),
                new Adam(m.generator().parameters(), 1e-6), GaussianMixture1D.gaussian(2, 0.5).sample(new Rng(2), 400),
                new TrainingConfig(100, 1, UpdateMode.ALTERNATING, GanLoss.NON_SATURATING), rng);
    }

    private static IterationMetrics metrics(long iteration, double dLoss, double gLoss) {
        return new IterationMetrics(iteration, 1, dLoss, gLoss, 1, 0, 1e-3, Double.NaN, 0);
    }

    @Test
    void aCollapsedGeneratorIsReportedAtTheEpochsEnd() {
        AdversarialTrainer t = constantGenerator();
        t.addListener(new TrainingHealthListener(7, false, warnings::add));
        t.train(2);
        assertThat(warnings).hasSize(1); // announced once, not every epoch
        assertThat(warnings.get(0).kind()).isEqualTo("collapse");
        assertThat(warnings.get(0).epoch()).isEqualTo(1);
        assertThat(warnings.get(0).message()).contains("nearly alike");
    }

    @Test
    void stopOnCollapseEndsTheRunBeforeTheCollapsedEpochIsSaved() {
        AdversarialTrainer t = constantGenerator();
        t.addListener(new TrainingHealthListener(7, true, warnings::add));
        assertThatThrownBy(() -> t.train(2)).isInstanceOfSatisfying(TrainingHealthListener.HealthStop.class,
                e -> assertThat(e.lastCheckpointEpoch()).isZero()).hasMessageContaining("because of collapse");
    }

    @Test
    void saturationNeedsTheWholeWindowAndARisingGeneratorLoss() {
        AdversarialTrainer t = constantGenerator();
        TrainingHealthListener h = new TrainingHealthListener(7, false, warnings::add);
        int n = TrainingHealthListener.SATURATION_ITERATIONS;
        for (int i = 1; i < n; i++) {
            h.onIteration(t, metrics(i, 0.001, 5 + i * 0.01));
        }
        assertThat(warnings).isEmpty();
        h.onIteration(t, metrics(n, 0.5, 6)); // D recovers: the count starts over
        for (int i = 1; i <= n; i++) {
            h.onIteration(t, metrics(n + i, 0.001, 6 - i * 0.01)); // G's loss falling: G still learns
        }
        assertThat(warnings).isEmpty();
        h.onIteration(t, metrics(3L * n, 0.001, 7));
        assertThat(warnings).singleElement().satisfies(w -> {
            assertThat(w.kind()).isEqualTo("saturation");
            assertThat(w.message()).contains("D's loss has stayed below 0.01 for 101 iterations");
        });
    }

    @Test
    void runawayLossesWarnOnceUntilTheyCalmDown() {
        AdversarialTrainer t = constantGenerator();
        TrainingHealthListener h = new TrainingHealthListener(7, true, warnings::add);
        h.onIteration(t, metrics(1, 0.5, 365)); // never stops the run: a warning only
        h.onIteration(t, metrics(2, 0.5, 400));
        h.onIteration(t, metrics(3, 0.5, 1));
        h.onIteration(t, metrics(4, 0.5, -80));
        assertThat(warnings).extracting(TrainingHealthListener.Warning::kind).containsExactly("divergence", "divergence");
        assertThat(warnings.get(0).message()).contains("G 365");
    }

    @Test
    void aSaturatedToyRunWarnsRecordsItAndCanStopAtItsLastGoodCheckpoint() throws IOException {
        String[] args = {"train", "--recipe", "toy-1d", "--epochs", "9", "--set", "g.lr=0.0000001", "--set", "lr=0.01",
            "--set", "k=1", "--set", "data.size=4000", "--set", "batch=200", "--set", "g.init=1"};
        Path run = tmp.resolve("warned");
        Result r = gan(concat(args, "--out", run.toString()));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("WARNING (saturation");
        JsonNode health = new ObjectMapper().readTree(run.resolve("run.json").toFile()).get("health");
        assertThat(health.get(0).get("kind").asText()).isEqualTo("saturation");

        Path stopped = tmp.resolve("stopped");
        Result s = gan(concat(args, "--out", stopped.toString(), "--set", "stop-on-collapse=true"));
        assertThat(s.code()).isEqualTo(1);
        assertThat(s.err()).contains("because of saturation (stop-on-collapse=true)")
                .contains("The last good checkpoint, from the end of epoch").doesNotContain("\tat ");
        JsonNode info = new ObjectMapper().readTree(stopped.resolve("run.json").toFile());
        assertThat(info.get("status").asText()).isEqualTo("stopped");
        int stoppedIn = info.get("health").get(0).get("epoch").asInt();
        assertThat(CheckpointFormat.read(stopped.resolve("checkpoints/latest")).require("epoch"))
                .isEqualTo(Integer.toString(stoppedIn - 1));
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}

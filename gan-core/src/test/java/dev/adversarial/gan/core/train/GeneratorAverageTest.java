package dev.adversarial.gan.core.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Backends;
import dev.adversarial.gan.core.checkpoint.CheckpointFormat;
import dev.adversarial.gan.core.data.ArrayDataset;
import dev.adversarial.gan.core.loss.R1Penalty;
import dev.adversarial.gan.core.nn.BatchNorm1d;
import dev.adversarial.gan.core.nn.Init;
import dev.adversarial.gan.core.nn.Linear;
import dev.adversarial.gan.core.nn.Sequential;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GeneratorAverageTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "djl"})
    void theAverageFollowsWeightsAndBuffersByHandComputedSteps(String backendName) {
        Backend b = Backends.get(backendName);
        Linear lin = new Linear(b, null, 2, 1, Init.values(new float[] {1, 2}), Init.values(new float[] {4}));
        BatchNorm1d bn = new BatchNorm1d(b, 1);
        try (Sequential g = new Sequential(lin, bn); GeneratorAverage avg = new GeneratorAverage(g, 0.75)) {
            lin.weight().set(b.tensor(new float[] {5, -2}, 1, 2));
            bn.runningMean().assign(b.tensor(new float[] {8}, 1));
            avg.update();
            // 0.75·start + 0.25·now, rounded as the update computes it: fl(fl(0.75·a) + fl(0.25·c)).
            assertThat(avg.state().get("0.weight").toArray()).containsExactly(0.75f * 1 + 0.25f * 5, 0.75f * 2 + 0.25f * -2);
            assertThat(avg.state().get("0.bias").toArray()).containsExactly(4f);
            assertThat(avg.state().get("1.running_mean").toArray()).containsExactly(0.25f * 8);
            avg.update();
            assertThat(avg.state().get("0.weight").toArray()[0]).isEqualTo(0.75f * 2f + 0.25f * 5);
            assertThat(avg.state().get("1.running_mean").toArray()).containsExactly(0.75f * 2f + 0.25f * 8);
        }
    }

    private static Map<String, float[]> state(TinyConvGan t) {
        Map<String, float[]> out = new LinkedHashMap<>();
        t.model.generator().stateDict().forEach((k, v) -> out.put("g." + k, v.toArray()));
        t.trainer.generatorAverage().state().forEach((k, v) -> out.put("ema." + k, v.toArray()));
        return out;
    }

    @Test
    void anAveragedRunWithR1ResumesBitForBitFromItsCheckpoint() throws IOException {
        Backend b = Backends.get("cpu");
        ArrayDataset data = TinyConvGan.data(4);
        java.util.function.Supplier<TinyConvGan> make = () -> {
            TinyConvGan t = new TinyConvGan(b, 8, UpdateMode.ALTERNATING, data);
            TrainingConfig c = t.trainer.config().withPenalty(new R1Penalty(1)).withGeneratorAverage(0.9);
            return t.withConfig(c);
        };
        TinyConvGan straight = make.get();
        straight.trainer.train(2);
        TinyConvGan first = make.get();
        first.trainer.addListener(new CheckpointListener(dir, Map.of("recipe", "tiny-conv")));
        first.trainer.train(1);
        assertThat(TrainingCheckpoints.hasGeneratorAverage(CheckpointFormat.read(CheckpointListener.latest(dir)))).isTrue();
        TinyConvGan resumed = make.get();
        TrainingCheckpoints.restore(CheckpointFormat.read(CheckpointListener.latest(dir)), resumed.trainer);
        resumed.trainer.train(2);
        Map<String, float[]> a = state(straight), c = state(resumed);
        assertThat(a.keySet()).anyMatch(k -> k.startsWith("ema."));
        a.forEach((k, v) -> assertThat(c.get(k)).as(k).containsExactly(v));
        assertThat(a.get("ema.0.weight")).as("the average differs from the last G").isNotEqualTo(a.get("g.0.weight"));
    }
}

package dev.adversarial.gan.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Backends;
import dev.adversarial.gan.api.Parameter;
import dev.adversarial.gan.api.Tensor;
import dev.adversarial.gan.api.optim.Optimizer;
import dev.adversarial.gan.core.checkpoint.Checkpoint;
import dev.adversarial.gan.core.checkpoint.CheckpointFormat;
import dev.adversarial.gan.core.data.ArrayDataset;
import dev.adversarial.gan.core.loss.GanLoss;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdversarialTrainerTest {
    private final Backend b = Backends.get("cpu");

    @TempDir
    Path dir;

    private static Map<String, float[]> snapshot(GanModel m) {
        Map<String, float[]> out = new java.util.LinkedHashMap<>();
        m.generator().stateDict().forEach((k, v) -> out.put("g." + k, v.toArray()));
        m.discriminator().stateDict().forEach((k, v) -> out.put("d." + k, v.toArray()));
        return out;
    }

    @Test
    void theGeneratorStepLeavesTheDiscriminatorUntouched() {
        TinyGan t = new TinyGan(b, 1, UpdateMode.ALTERNATING, 1, TinyGan.data(2));
        List<Parameter> dParams = t.model.discriminator().parameters();
        List<float[]> gradsAtDStep = new ArrayList<>();
        AdversarialTrainer trainer = new AdversarialTrainer(b, t.model, new FrozenRecorder(dParams, gradsAtDStep), t.gOpt,
                TinyGan.data(2), new TrainingConfig(10, 1, UpdateMode.ALTERNATING, GanLoss.NON_SATURATING), t.rng);
        Map<String, float[]> before = snapshot(t.model);
        trainer.addListener(new TrainingListener() {
            @Override
            public void onIteration(TrainingView tr, IterationMetrics m) {
                // G's step has run since D stepped: D's gradients must be exactly those of D's own step.
                for (int i = 0; i < dParams.size(); i++) {
                    assertThat(dParams.get(i).grad().toArray()).as("D gradient %d after G's step", i)
                            .containsExactly(gradsAtDStep.get(i));
                }
            }
        });
        trainer.train(1);
        Map<String, float[]> after = snapshot(t.model);
        before.forEach((k, v) -> {
            if (k.startsWith("d.")) {
                assertThat(after.get(k)).as(k).containsExactly(v);
            } else {
                assertThat(after.get(k)).as(k + " should have been trained").isNotEqualTo(v);
            }
        });
    }

    /** An optimizer that never moves D but remembers D's gradients at the moment it is asked to step. */
    private static final class FrozenRecorder extends Optimizer {
        private final List<float[]> sink;

        FrozenRecorder(List<Parameter> params, List<float[]> sink) {
            super(params);
            this.sink = sink;
        }

        @Override
        protected void update(int index, Parameter p, Tensor grad) {
            if (index == 0) {
                sink.clear();
            }
            sink.add(grad.toArray());
        }

        @Override
        public double currentLearningRate() {
            return 0;
        }
    }

    @Test
    void twoEpochsStraightEqualOneEpochPlusOneResumedBitForBit() throws IOException {
        for (UpdateMode mode : UpdateMode.values()) {
            ArrayDataset data = TinyGan.data(5);
            TinyGan straight = new TinyGan(b, 42, mode, 1, data);
            straight.trainer.addListener(new MetricsCsvListener(dir.resolve(mode + "-a.csv")));
            straight.trainer.train(2);

            TinyGan first = new TinyGan(b, 42, mode, 1, data);
            Path ckpts = dir.resolve(mode + "-ckpt");
            first.trainer.addListener(new CheckpointListener(ckpts, Map.of("recipe", "tiny")));
            first.trainer.addListener(new MetricsCsvListener(dir.resolve(mode + "-b.csv")));
            first.trainer.train(1);

            TinyGan resumed = new TinyGan(b, 42, mode, 1, data);
            TrainingCheckpoints.restore(CheckpointFormat.read(CheckpointListener.latest(ckpts)), resumed.trainer);
            assertThat(resumed.trainer.epoch()).isEqualTo(1);
            resumed.trainer.addListener(new MetricsCsvListener(dir.resolve(mode + "-b.csv")));
            resumed.trainer.train(2);

            Map<String, float[]> a = snapshot(straight.model), c = snapshot(resumed.model);
            a.forEach((k, v) -> assertThat(c.get(k)).as(mode + " " + k).containsExactly(v));
            assertThat(resumed.trainer.iteration()).isEqualTo(straight.trainer.iteration());
            assertThat(resumed.rng.state()).containsExactly(straight.rng.state());
            assertThat(csvWithoutTime(dir.resolve(mode + "-b.csv"))).isEqualTo(csvWithoutTime(dir.resolve(mode + "-a.csv")));
        }
    }

    @Test
    void iterationsAcrossAnEpochEndEqualWholeEpochsBitForBit() {
        ArrayDataset data = TinyGan.data(5);
        TinyGan epochs = new TinyGan(b, 9, UpdateMode.ALTERNATING, 1, data);
        epochs.trainer.train(2);
        TinyGan steps = new TinyGan(b, 9, UpdateMode.ALTERNATING, 1, data);
        int perEpoch = steps.trainer.iterationsPerEpoch();
        steps.trainer.trainIterations(perEpoch - 3);          // stop inside epoch 1 ...
        assertThat(steps.trainer.epoch()).isZero();
        steps.trainer.trainIterations(perEpoch + 3);          // ... and go on to the end of epoch 2
        assertThat(steps.trainer.epoch()).isEqualTo(2);
        assertThat(steps.trainer.iteration()).isEqualTo(epochs.trainer.iteration());
        Map<String, float[]> a = snapshot(epochs.model), c = snapshot(steps.model);
        a.forEach((k, v) -> assertThat(c.get(k)).as(k).containsExactly(v));
        assertThat(steps.rng.state()).containsExactly(epochs.rng.state());
    }

    private static List<String> csvWithoutTime(Path p) throws IOException {
        return Files.readAllLines(p).stream().map(l -> l.substring(0, l.lastIndexOf(','))).toList();
    }

    @Test
    void aNanLossStopsTheRunAndKeepsTheLastGoodCheckpoint() throws IOException {
        TinyGan t = new TinyGan(b, 7, UpdateMode.ALTERNATING, 1, TinyGan.data(3));
        Path ckpts = dir.resolve("ckpt");
        t.trainer.addListener(new CheckpointListener(ckpts, Map.of()));
        t.trainer.addListener(new MetricsCsvListener(dir.resolve("metrics.csv")));
        t.trainer.train(1);
        byte[] good = Files.readAllBytes(CheckpointListener.latest(ckpts));
        Parameter w = t.model.discriminator().parameters().get(0);
        w.set(b.full(w.shape(), Float.NaN));
        assertThatThrownBy(() -> t.trainer.train(2))
                .isInstanceOf(TrainingDivergedException.class)
                .hasMessageContaining("discriminator loss became NaN")
                .hasMessageContaining("iteration 21 (epoch 2)")
                .hasMessageContaining("end of epoch 1");
        assertThat(Files.readAllBytes(CheckpointListener.latest(ckpts))).isEqualTo(good);
        Checkpoint c = CheckpointFormat.read(CheckpointListener.latest(ckpts));
        assertThat(c.require("epoch")).isEqualTo("1");
        assertThat(Files.readAllLines(dir.resolve("metrics.csv"))).hasSize(1 + 20);
    }

    @Test
    void divergingInTheFirstEpochDoesNotPointToACheckpointThatDoesNotExist() {
        TinyGan t = new TinyGan(b, 7, UpdateMode.ALTERNATING, 1, TinyGan.data(3));
        Parameter w = t.model.discriminator().parameters().get(0);
        w.set(b.full(w.shape(), Float.NaN));
        assertThatThrownBy(() -> t.trainer.train(1))
                .isInstanceOf(TrainingDivergedException.class)
                .hasMessageContaining("iteration 1 (epoch 1)")
                .hasMessageContaining("no checkpoint had been written")
                .hasMessageNotContaining("end of epoch 0");
    }

    @Test
    void kDiscriminatorStepsConsumeKBatchesPerIteration() {
        TinyGan t = new TinyGan(b, 3, UpdateMode.ALTERNATING, 2, TinyGan.data(3));
        t.trainer.train(1);
        assertThat(t.trainer.iteration()).isEqualTo(10);          // 200 / 10 / 2
        assertThat(t.dOpt.steps()).isEqualTo(20);
        assertThat(t.gOpt.steps()).isEqualTo(10);
    }

    @Test
    void configurationErrorsSayWhatToChange() {
        assertThatThrownBy(() -> new TrainingConfig(100, 2, UpdateMode.SIMULTANEOUS, GanLoss.MINIMAX))
                .hasMessageContaining("k must be 1");
        assertThatThrownBy(() -> new TinyGan(b, 1, UpdateMode.ALTERNATING, 1,
                new ArrayDataset("small", new float[5 * TinyGan.DATA], new int[] {TinyGan.DATA}, null)))
                .hasMessageContaining("needs 10 examples").hasMessageContaining("only 5");
    }
}

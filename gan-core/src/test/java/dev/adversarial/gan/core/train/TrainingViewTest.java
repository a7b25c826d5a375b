package dev.adversarial.gan.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Backends;
import dev.adversarial.gan.core.loss.GanLoss;
import dev.adversarial.gan.core.loss.R1Penalty;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What listeners see: lambdas for per-iteration metrics, a read-only {@link TrainingView} with the
 * run's position, the full {@link TrainingState} only for state listeners (checkpoints), and a
 * training configuration that needs no checkpoint interval.
 */
class TrainingViewTest {
    private final Backend b = Backends.get("cpu");
    @TempDir
    Path dir;

    @Test
    void aLambdaGetsEveryIterationsMetricsInOrder() {
        TinyGan t = new TinyGan(b, 3, UpdateMode.ALTERNATING, 1, TinyGan.data(1));
        List<Long> seen = new ArrayList<>();
        List<Double> losses = new ArrayList<>();
        t.trainer.onIteration(m -> seen.add(m.iteration()));
        t.trainer.addListener(TrainingListener.onIteration(m -> losses.add(m.generatorLoss())));
        t.trainer.train(2);
        int per = t.trainer.iterationsPerEpoch();
        assertThat(seen).hasSize(2 * per).startsWith(1L, 2L).endsWith((long) 2 * per);
        assertThat(losses).hasSize(2 * per).allMatch(Double::isFinite);
    }

    @Test
    void aListenerAddedWithOnIterationCanBeRemoved() {
        TinyGan t = new TinyGan(b, 3, UpdateMode.ALTERNATING, 1, TinyGan.data(1));
        List<Long> seen = new ArrayList<>();
        TrainingListener l = t.trainer.onIteration(m -> seen.add(m.iteration()));
        t.trainer.trainIterations(2);
        t.trainer.removeListener(l);
        t.trainer.trainIterations(2);
        assertThat(seen).containsExactly(1L, 2L);
    }

    @Test
    void theViewReportsThePositionTheDataAndTheDiscriminatorsSchedule() {
        TinyGan t = new TinyGan(b, 3, UpdateMode.ALTERNATING, 1, TinyGan.data(1));
        List<String> events = new ArrayList<>();
        t.trainer.addListener(new TrainingListener() {
            @Override
            public void onStart(TrainingView run) {
                events.add("start " + run.epoch() + " " + run.iteration() + " " + run.dataName() + " "
                        + run.data().size() + " " + run.iterationsPerEpoch() + " " + run.config().batchSize());
            }

            @Override
            public void onEpochEnd(TrainingView run, int epoch) {
                assertThat(run.learningRate()).isEqualTo(t.dOpt.currentLearningRate());
                assertThat(run.momentum()).isEqualTo(t.dOpt.currentMomentum());
                assertThat(run.elapsedSeconds()).isPositive();
                assertThat(run.model()).isSameAs(t.model);
                events.add("epoch " + epoch + " " + run.epoch() + " " + run.iteration());
            }

            @Override
            public void onFinish(TrainingView run) {
                events.add("finish " + run.epoch());
            }
        });
        t.trainer.train(2);
        // 200 examples, batch 10, k 1: 20 iterations per epoch.
        assertThat(events).containsExactly("start 0 0 tiny 200 20 10", "epoch 1 1 20", "epoch 2 2 40", "finish 2");
    }

    @Test
    void checkpointsKeepANumberedFileEveryNEpochsAndLatestAlways() throws IOException {
        TinyGan t = new TinyGan(b, 3, UpdateMode.ALTERNATING, 1, TinyGan.data(1));
        CheckpointListener every2 = new CheckpointListener(dir, Map.of("recipe", "tiny"), 2);
        assertThat(every2.every()).isEqualTo(2);
        t.trainer.addListener(every2);
        t.trainer.train(3);
        assertThat(Files.exists(dir.resolve("epoch-001"))).isFalse();
        assertThat(Files.exists(dir.resolve("epoch-002"))).isTrue();
        assertThat(Files.exists(dir.resolve("epoch-003"))).isFalse();
        assertThat(dev.adversarial.gan.core.checkpoint.CheckpointFormat.read(CheckpointListener.latest(dir))
                .requireInt("epoch")).isEqualTo(3);
        assertThatThrownBy(() -> new CheckpointListener(dir, Map.of(), 0))
                .hasMessageContaining("checkpoint interval (checkpoint.every) must be a positive number");
    }

    @Test
    void aStateListenerRefusesABareView() {
        TinyGan t = new TinyGan(b, 3, UpdateMode.ALTERNATING, 1, TinyGan.data(1));
        TrainingView viewOnly = new TrainingView() {
            public GanModel model() { return t.model; }
            public Backend backend() { return b; }
            public TrainingConfig config() { return t.trainer.config(); }
            public dev.adversarial.gan.core.data.ArrayDataset data() { return t.trainer.data(); }
            public long iteration() { return 0; }
            public int epoch() { return 0; }
            public int iterationsPerEpoch() { return 20; }
            public double elapsedSeconds() { return 0; }
            public double learningRate() { return 0.1; }
            public double momentum() { return 0.5; }
        };
        TrainingListener checkpoints = new CheckpointListener(dir, Map.of());
        assertThatThrownBy(() -> checkpoints.onEpochEnd(viewOnly, 1))
                .hasMessageContaining("CheckpointListener saves the run's whole state and needs a TrainingState");
    }

    @Test
    void theConfigurationBuilderHasThePapersDefaultsAndNamedSettings() {
        TrainingConfig defaults = TrainingConfig.builder().build();
        assertThat(defaults).isEqualTo(new TrainingConfig(100, 1, UpdateMode.ALTERNATING, GanLoss.NON_SATURATING));
        assertThat(defaults.penalties()).isEmpty();
        assertThat(defaults.emaBeta()).isZero();

        TrainingConfig custom = TrainingConfig.builder().batchSize(64).discriminatorSteps(2).loss(GanLoss.MINIMAX)
                .penalty(new R1Penalty(10)).generatorAverage(0.999).build();
        assertThat(custom).isEqualTo(new TrainingConfig(64, 2, UpdateMode.ALTERNATING, GanLoss.MINIMAX)
                .withPenalty(new R1Penalty(10)).withGeneratorAverage(0.999));
        assertThat(custom.toBuilder().build()).isEqualTo(custom);
        assertThat(custom.toBuilder().batchSize(32).build().batchSize()).isEqualTo(32);

        assertThatThrownBy(() -> TrainingConfig.builder().mode(UpdateMode.SIMULTANEOUS).discriminatorSteps(2).build())
                .hasMessageContaining("k must be 1");
        assertThatThrownBy(() -> TrainingConfig.builder().batchSize(0).build()).hasMessageContaining("batch size");
    }

    @Test
    void theProgressLineNamesEachNumber() {
        IterationMetrics m = new IterationMetrics(200, 1, 0.6931, 0.7, 0.51, 0.49, 0.1, 0.5, 3.5);
        assertThat(TrainingProgress.line(m, 57.14)).isEqualTo(
                "iteration 200 (epoch 1): D loss 0.6931, G loss 0.7000, D(x) 0.510, D(G(z)) 0.490, 57.1 it/s");
        assertThatThrownBy(() -> TrainingProgress.logEvery(0)).hasMessageContaining("positive number of iterations");
    }

    @Test
    void progressLogsEveryNIterationsAndEachEpochWithoutChangingTheRun() {
        TinyGan logged = new TinyGan(b, 3, UpdateMode.ALTERNATING, 1, TinyGan.data(1));
        TinyGan quiet = new TinyGan(b, 3, UpdateMode.ALTERNATING, 1, TinyGan.data(1));
        List<String> lines = new ArrayList<>();
        logged.trainer.addListener(TrainingProgress.logEvery(5, recordingLogger(lines)));
        logged.trainer.train(1);
        quiet.trainer.train(1);
        assertThat(logged.rng.state()).containsExactly(quiet.rng.state());
        // 20 iterations: a start line, iterations 5, 10, 15, 20, the epoch's end and the finish.
        assertThat(lines).hasSize(7);
        assertThat(lines.get(0)).isEqualTo("Training on {} ({} examples, {} iterations per epoch) from iteration {}");
        assertThat(lines.subList(1, 5)).allMatch(l -> l.startsWith("iteration ") && l.endsWith(" it/s"));
        assertThat(lines.get(1)).startsWith("iteration 5 (epoch 1): D loss ");
        assertThat(lines.get(5)).startsWith("epoch 1 done at iteration 20 in ");
        assertThat(lines.get(6)).startsWith("training finished: 1 epochs, 20 iterations, ");
    }

    /** An SLF4J logger, with info enabled, that keeps the message (the pattern, unformatted) of every info call. */
    private static org.slf4j.Logger recordingLogger(List<String> sink) {
        return (org.slf4j.Logger) java.lang.reflect.Proxy.newProxyInstance(TrainingViewTest.class.getClassLoader(),
                new Class<?>[] {org.slf4j.Logger.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "isInfoEnabled" -> true;
                    case "info" -> {
                        sink.add(String.valueOf(args[0]));
                        yield null;
                    }
                    case "getName" -> "recording";
                    default -> method.getReturnType() == boolean.class ? false : null;
                });
    }
}

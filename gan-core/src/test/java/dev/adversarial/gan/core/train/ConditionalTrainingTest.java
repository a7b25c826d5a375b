package dev.adversarial.gan.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Backends;
import dev.adversarial.gan.api.Layer;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.api.Tensor;
import dev.adversarial.gan.api.optim.Adam;
import dev.adversarial.gan.api.optim.Schedule;
import dev.adversarial.gan.core.data.ArrayDataset;
import dev.adversarial.gan.core.loss.GanLoss;
import dev.adversarial.gan.core.loss.GradientPenalty;
import dev.adversarial.gan.core.loss.R1Penalty;
import dev.adversarial.gan.core.nn.Activation;
import dev.adversarial.gan.core.nn.BatchNorm1d;
import dev.adversarial.gan.core.nn.Init;
import dev.adversarial.gan.core.nn.Linear;
import dev.adversarial.gan.core.nn.Sequential;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The trainer feeds a conditional model its labels: every real row reaches D with its own
 * example's label, and every generated row with the label G was given for it, in D's steps and
 * in G's, in both update modes and when D normalizes batches (separate calls). Spies stand in
 * front of G and D and record what they receive.
 */
class ConditionalTrainingTest {
    static final int LATENT = 3, DATA = 4, CLASSES = 3, BATCH = 8;

    /** Records every input it sees, then passes it on. */
    static final class Spy extends Layer {
        final List<float[]> rows = new ArrayList<>();
        final List<Integer> sizes = new ArrayList<>();

        @Override
        public Tensor forward(Tensor x) {
            rows.add(x.toArray());
            sizes.add(x.shape().dim(0));
            return x;
        }
    }

    /** 64 examples whose first value encodes their index (i / 100) and whose label is i mod 3. */
    static ArrayDataset labelled() {
        int n = 64;
        float[] v = new float[n * DATA];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            v[i * DATA] = i / 100f;
            for (int j = 1; j < DATA; j++) {
                v[i * DATA + j] = 0.5f;
            }
            labels[i] = i % CLASSES;
        }
        return new ArrayDataset("indexed", v, new int[] {DATA}, labels);
    }

    record Run(AdversarialTrainer trainer, Spy g, Spy d) {
    }

    static Run run(Backend b, UpdateMode mode, boolean batchNormInD, TrainingConfig config) {
        Rng rng = new Rng(3);
        Spy gSpy = new Spy(), dSpy = new Spy();
        Layer g = new Sequential(gSpy, new Linear(b, rng, LATENT + CLASSES, DATA, Init.uniform(0.5), Init.zeros()),
                Activation.sigmoid());
        Layer d = batchNormInD
                ? new Sequential(dSpy, new Linear(b, rng, DATA + CLASSES, 4, Init.uniform(0.5), Init.zeros()),
                        new BatchNorm1d(b, rng, 4, Init.normal(1, 0.02)), Activation.leakyRelu(0.2),
                        new Linear(b, rng, 4, 1, Init.uniform(0.5), Init.zeros()))
                : new Sequential(dSpy, new Linear(b, rng, DATA + CLASSES, 1, Init.uniform(0.5), Init.zeros()));
        GanModel model = new GanModel(g, d, NoisePrior.normal(LATENT, 0, 1), new int[] {DATA}, CLASSES);
        AdversarialTrainer t = new AdversarialTrainer(b, model,
                new Adam(d.parameters(), Schedule.constant(1e-3), 0.5, 0.999, 1e-8),
                new Adam(g.parameters(), Schedule.constant(1e-3), 0.5, 0.999, 1e-8), labelled(),
                config == null ? new TrainingConfig(BATCH, 1, mode, GanLoss.NON_SATURATING) : config, rng);
        return new Run(t, gSpy, dSpy);
    }

    /** The class of each row's one-hot label columns (the last CLASSES of width); fails on anything but one-hot. */
    static int[] labelsOf(float[] rows, int width) {
        int n = rows.length / width;
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = -1;
            for (int k = 0; k < CLASSES; k++) {
                float v = rows[i * width + width - CLASSES + k];
                assertThat(v).as("one-hot entry").isIn(0f, 1f);
                if (v == 1f) {
                    assertThat(y[i]).as("row %d has one label", i).isEqualTo(-1);
                    y[i] = k;
                }
            }
            assertThat(y[i]).as("row %d has a label", i).isNotNegative();
        }
        return y;
    }

    /** Real rows: their label must be that of the example their first value names. */
    static void assertRealLabels(float[] rows, int from, int count) {
        int width = DATA + CLASSES;
        int[] y = labelsOf(Arrays.copyOfRange(rows, from * width, (from + count) * width), width);
        for (int i = 0; i < count; i++) {
            int example = Math.round(rows[(from + i) * width] * 100);
            assertThat(y[i]).as("label of real example %d", example).isEqualTo(example % CLASSES);
        }
    }

    static int[] slice(int[] y, int from, int to) {
        return Arrays.copyOfRange(y, from, to);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "djl"})
    void realLabelsReachDAndGeneratedRowsCarryGsLabels(String backend) {
        Backend b = Backends.get(backend);
        int iterations = 5, gw = LATENT + CLASSES, dw = DATA + CLASSES;
        for (UpdateMode mode : UpdateMode.values()) {
            for (boolean separate : new boolean[] {false, true}) {
                Run r = run(b, mode, separate, null);
                r.trainer().trainIterations(iterations);
                // Calls per iteration. Alternating: G (D's fakes), D, G (G's step), D; simultaneous: G, D.
                // With batch norm in D, each D call on real and generated rows is split in two.
                int gCalls = mode == UpdateMode.ALTERNATING ? 2 : 1;
                int dCalls = (separate ? 2 : 1) + (mode == UpdateMode.ALTERNATING ? 1 : 0);
                assertThat(r.g().rows).as("%s separate=%s: G calls", mode, separate).hasSize(iterations * gCalls);
                assertThat(r.d().rows).as("%s separate=%s: D calls", mode, separate).hasSize(iterations * dCalls);
                List<Integer> drawn = new ArrayList<>();
                for (int it = 0; it < iterations; it++) {
                    int[] fakeLabels = labelsOf(r.g().rows.get(it * gCalls), gw);
                    float[] first = r.d().rows.get(it * dCalls);
                    assertRealLabels(first, 0, BATCH);
                    int[] dFake = separate ? labelsOf(r.d().rows.get(it * dCalls + 1), dw)
                            : slice(labelsOf(first, dw), BATCH, 2 * BATCH);
                    assertThat(dFake).as("%s: D's generated rows carry G's labels", mode).containsExactly(fakeLabels);
                    Arrays.stream(fakeLabels).forEach(drawn::add);
                    if (mode == UpdateMode.ALTERNATING) {
                        int[] gStep = labelsOf(r.g().rows.get(it * gCalls + 1), gw);
                        int[] dStep = labelsOf(r.d().rows.get(it * dCalls + dCalls - 1), dw);
                        assertThat(dStep).as("G's step: D sees G's labels").containsExactly(gStep);
                        Arrays.stream(gStep).forEach(drawn::add);
                    }
                }
                assertThat(drawn).as("generated labels are drawn over all classes").contains(0, 1, 2);
                r.trainer().model().close();
            }
        }
    }

    /** R1 and WGAN-GP differentiate with respect to the samples only; both train a conditional model to finite losses. */
    @Test
    void penaltiesTrainAConditionalModel() {
        Backend b = Backends.get("cpu");
        for (UpdateMode mode : UpdateMode.values()) {
            TrainingConfig base = new TrainingConfig(BATCH, 1, mode, GanLoss.NON_SATURATING);
            for (TrainingConfig c : List.of(base.withPenalty(new R1Penalty(1)), base.withLoss(GanLoss.WASSERSTEIN)
                    .withPenalty(new GradientPenalty(10)))) {
                Run r = run(b, mode, false, c);
                List<Double> losses = new ArrayList<>();
                r.trainer().onIteration(m -> losses.add(m.discriminatorLoss()));
                r.trainer().train(2);
                assertThat(losses).hasSize(16).allMatch(Double::isFinite);
                // The penalties' own calls to D (GP's interpolates) get the real rows' labels.
                r.d().rows.forEach(rows -> labelsOf(rows, DATA + CLASSES));
            }
        }
    }

    @Test
    void aConditionalModelRefusesUnlabelledDataAndLabelsOutsideItsClasses() {
        Backend b = Backends.get("cpu");
        Run r = run(b, UpdateMode.ALTERNATING, false, null);
        GanModel m = r.trainer().model();
        TrainingConfig c = r.trainer().config();
        ArrayDataset unlabelled = new ArrayDataset("plain", new float[64 * DATA], new int[] {DATA}, null);
        assertThatThrownBy(() -> new AdversarialTrainer(b, m, r.trainer().discriminatorOptimizer(),
                r.trainer().generatorOptimizer(), unlabelled, c, new Rng(1)))
                .hasMessageContaining("conditional (3 classes) but data set 'plain' has no labels");
        int[] labels = new int[64];
        labels[9] = 5;
        ArrayDataset tooMany = new ArrayDataset("five", new float[64 * DATA], new int[] {DATA}, labels);
        assertThatThrownBy(() -> new AdversarialTrainer(b, m, r.trainer().discriminatorOptimizer(),
                r.trainer().generatorOptimizer(), tooMany, c, new Rng(1)))
                .hasMessageContaining("Example 9 of data set 'five' has label 5, but the conditional model has classes 0 to 2");
    }
}

package dev.adversarial.gan.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Backends;
import dev.adversarial.gan.api.Conv2dSpec;
import dev.adversarial.gan.api.Layer;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.api.Scope;
import dev.adversarial.gan.api.Tensor;
import dev.adversarial.gan.core.nn.Activation;
import dev.adversarial.gan.core.nn.BatchNorm1d;
import dev.adversarial.gan.core.nn.BatchNorm2d;
import dev.adversarial.gan.core.nn.Conv2d;
import dev.adversarial.gan.core.nn.ConvTranspose2d;
import dev.adversarial.gan.core.nn.Flatten;
import dev.adversarial.gan.core.nn.Init;
import dev.adversarial.gan.core.nn.Linear;
import dev.adversarial.gan.core.nn.Sequential;
import dev.adversarial.gan.core.nn.Unflatten;
import dev.adversarial.gan.core.onnx.OnnxExporter;
import dev.adversarial.gan.core.onnx.OnnxModelCheck;
import dev.adversarial.gan.core.train.NoisePrior;
import dev.adversarial.gan.core.train.Sampler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ONNX export of convolutional networks with batch norm, against every backend's own forward
 * pass (evaluation mode) to 1e-5 at batch 1 and 64: the DCGAN generator of issue 26, with its
 * samples declared both as images [1, 28, 28] and flat [784] as the MNIST recipes declare them;
 * a DCGAN-style discriminator stack exported as a graph of its own; and small layers with
 * groups, dilation, output padding and non-square kernels and strides. Each network's batch
 * norms first run a few training-mode batches, so that their running statistics are far from
 * the initial 0 and 1 and a wrong mapping of mean and variance would show.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConvOnnxExportEquivalenceTest {
    private static final float TOLERANCE = 1e-5f;

    /** What to export: a network built by {@link #ARCHITECTURES}, its input's prior, the shape it declares. */
    private record Case(String architecture, NoisePrior prior, int[] dataShape) {
    }

    private static final Map<String, BiFunction<Backend, Rng, Sequential>> ARCHITECTURES = Map.of(
            "dcgan-generator", ConvOnnxExportEquivalenceTest::dcganGenerator,
            "conv-discriminator", ConvOnnxExportEquivalenceTest::convDiscriminator,
            "conv-geometry", ConvOnnxExportEquivalenceTest::geometry);

    private static final Map<String, Case> CASES = new LinkedHashMap<>();

    static {
        CASES.put("dcgan-generator", new Case("dcgan-generator", NoisePrior.uniform(100, -1, 1), new int[] {1, 28, 28}));
        // The same trained network, its samples declared flat as the MNIST recipes declare theirs.
        CASES.put("dcgan-generator-flat", new Case("dcgan-generator", NoisePrior.uniform(100, -1, 1), new int[] {784}));
        CASES.put("conv-discriminator", new Case("conv-discriminator", NoisePrior.uniform(784, 0, 1), new int[] {1}));
        CASES.put("conv-geometry", new Case("conv-geometry", NoisePrior.normal(140, 0, 1), new int[] {4, 8, 15}));
    }

    /** Each architecture built and its running statistics trained once per backend ("backend/architecture"). */
    private final Map<String, Layer> networks = new LinkedHashMap<>();
    /** Each case exported once per backend, shared by the batch sizes. */
    private final Map<String, byte[]> exported = new LinkedHashMap<>();

    /** z [N,100] → Linear 6272 → BN1d → ReLU → [128,7,7] → ConvT 64 → BN2d → ReLU → ConvT 1 → Sigmoid. */
    static Sequential dcganGenerator(Backend b, Rng rng) {
        return new Sequential(
                new Linear(b, rng, 100, 128 * 7 * 7, Init.normal(0.02), Init.zeros()),
                new BatchNorm1d(b, rng, 128 * 7 * 7, Init.normal(1, 0.02)),
                Activation.relu(),
                new Unflatten(128, 7, 7),
                new ConvTranspose2d(b, rng, 128, 64, 4, Conv2dSpec.of(2, 1)),
                new BatchNorm2d(b, rng, 64, Init.normal(1, 0.02)),
                Activation.relu(),
                new ConvTranspose2d(b, rng, 64, 1, 4, Conv2dSpec.of(2, 1)),
                Activation.sigmoid());
    }

    /** x [N,784] → [1,28,28] → Conv 64 → LeakyReLU → Conv 128 → BN2d → LeakyReLU → Flatten → Linear 1. */
    static Sequential convDiscriminator(Backend b, Rng rng) {
        return new Sequential(
                new Unflatten(1, 28, 28),
                new Conv2d(b, rng, 1, 64, 4, Conv2dSpec.of(2, 1)),
                Activation.leakyRelu(0.2),
                new Conv2d(b, rng, 64, 128, 4, Conv2dSpec.of(2, 1)),
                new BatchNorm2d(b, rng, 128, Init.normal(1, 0.02)),
                Activation.leakyRelu(0.2),
                new Flatten(),
                new Linear(b, rng, 128 * 7 * 7, 1, Init.normal(0.02), Init.zeros()));
    }

    /** Grouped, dilated, non-square convolutions, a transposed one with output padding, and BN1d over [C, L]. */
    static Sequential geometry(Backend b, Rng rng) {
        return new Sequential(
                new Unflatten(4, 5, 7),
                new Conv2d(b, rng, 4, 6, 3, 2, new Conv2dSpec(2, 1, 1, 0, 1, 2, 2, 0, 0), Init.normal(0.3),
                        Init.zeros()),                                                         // → [6, 3, 5]
                new BatchNorm2d(b, rng, 6, Init.normal(1, 0.3)),
                Activation.leakyRelu(0.2),
                new ConvTranspose2d(b, rng, 6, 4, 2, 3, new Conv2dSpec(2, 3, 0, 1, 2, 1, 2, 1, 2), Init.normal(0.3),
                        Init.zeros()),                                                         // → [4, 8, 15]
                new Flatten(),
                new Unflatten(4, 120),
                new BatchNorm1d(b, rng, 4, Init.normal(1, 0.3)),                              // [N, C, L]
                new Flatten(),
                Activation.tanh());
    }

    Iterable<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String backend : Backends.available()) {
            for (String name : CASES.keySet()) {
                for (int batch : new int[] {1, 64}) {
                    out.add(Arguments.of(backend, name, batch));
                }
            }
        }
        return out;
    }

    @Test
    void bothBackendsAreCovered() {
        assertThat(Backends.available()).contains("cpu", "djl");
    }

    @ParameterizedTest(name = "{1} on {0}, batch {2}")
    @MethodSource("cases")
    void onnxRuntimeMatchesTheBackendsForwardPass(String backendName, String caseName, int batch) throws Exception {
        Backend backend = Backends.get(backendName);
        Case c = CASES.get(caseName);
        Layer module = networks.computeIfAbsent(backendName + "/" + c.architecture(), k -> build(backend, c));
        byte[] onnx = exported.computeIfAbsent(backendName + "/" + caseName, k -> export(module, caseName, c));
        float[] z = Sampler.noise(c.prior(), new Rng(2000 + batch), batch);
        float[] expected = evalForward(module, backend, z, batch, c.prior().dim());
        float[] actual;
        try (OnnxGenerator g = OnnxGenerator.fromBytes(onnx, caseName + ".onnx")) {
            assertThat(g.metadata().dataShape()).containsExactly(c.dataShape());
            actual = g.generate(z, batch, batch);
        }
        assertThat(actual).hasSameSizeAs(expected);
        float worst = 0, low = Float.POSITIVE_INFINITY, high = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
            low = Math.min(low, expected[i]);
            high = Math.max(high, expected[i]);
        }
        System.out.printf(Locale.ROOT, "ONNX export of %s vs the %s backend, batch %d: max |difference| %.2e%n",
                caseName, backendName, batch, worst);
        assertThat(worst).as("max |ONNX Runtime - %s| for %s, batch %d", backendName, caseName, batch)
                .isLessThanOrEqualTo(TOLERANCE);
        if (expected.length > 1) {
            // Guards against agreeing only because the network's output does not depend on its input.
            assertThat(high - low).as("spread of %s's outputs", caseName).isGreaterThan(0.05f);
        }
    }

    private static Layer build(Backend backend, Case c) {
        Layer m = ARCHITECTURES.get(c.architecture()).apply(backend, new Rng(7));
        // DCGAN starts biases at 0, which would let a mis-wired bias pass unnoticed.
        OnnxExportEquivalenceTest.randomizeBiases(m, backend);
        trainRunningStatistics(m, backend, c.prior().dim());
        return m;
    }

    private static byte[] export(Layer module, String caseName, Case c) {
        ModelProto onnx = new OnnxExporter().exportGenerator(module, c.prior(), c.dataShape(), Map.of("recipe", caseName));
        assertThat(OnnxModelCheck.problems(onnx)).isEmpty();
        return onnx.toByteArray();
    }

    /** Training-mode batches on noise away from 0, then checks that every running statistic moved. */
    private static void trainRunningStatistics(Layer m, Backend backend, int dim) {
        m.train();
        for (int i = 0; i < 4; i++) {
            try (Scope s = Scope.open()) {
                m.forward(backend.tensor(Sampler.noise(NoisePrior.normal(dim, 0.5, 2), new Rng(300 + i), 8), 8, dim));
            }
        }
        m.eval();
        m.namedBuffers().forEach((name, t) -> {
            float start = name.endsWith("running_mean") ? 0 : 1, moved = 0;
            for (float v : t.toArray()) {
                moved = Math.max(moved, Math.abs(v - start));
            }
            assertThat(moved).as("how far %s moved from %s", name, start).isGreaterThan(0.05f);
        });
        assertThat(m.namedBuffers()).isNotEmpty();
    }

    private static float[] evalForward(Layer m, Backend backend, float[] z, int n, int dim) {
        m.eval();
        try (Scope s = Scope.open()) {
            Tensor x = m.forward(backend.tensor(z, n, dim));
            return x.toArray();
        }
    }

    @AfterAll
    void close() {
        networks.values().forEach(Layer::close);
    }
}

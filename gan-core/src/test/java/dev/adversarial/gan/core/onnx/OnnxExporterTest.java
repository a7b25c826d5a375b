package dev.adversarial.gan.core.onnx;

import static dev.adversarial.gan.core.onnx.OrtRunner.attr;
import static dev.adversarial.gan.core.onnx.OrtRunner.ops;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Backends;
import dev.adversarial.gan.api.Layer;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.api.Scope;
import dev.adversarial.gan.api.Tensor;
import dev.adversarial.gan.core.nn.Activation;
import dev.adversarial.gan.core.nn.Dropout;
import dev.adversarial.gan.core.nn.Init;
import dev.adversarial.gan.core.nn.Linear;
import dev.adversarial.gan.core.nn.Maxout;
import dev.adversarial.gan.core.nn.Sequential;
import dev.adversarial.gan.core.train.NoisePrior;
import dev.adversarial.gan.core.train.Sampler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Small hand-built generators, exported and run in ONNX Runtime: the graph has the expected
 * operators, and its output matches the module's own forward pass (evaluation mode) on the
 * CPU backend to 1e-5.
 */
class OnnxExporterTest {
    private static final float TOLERANCE = OrtRunner.TOLERANCE;
    private final Backend b = Backends.get("cpu");
    private final Rng rng = new Rng(11);

    private Linear linear(int in, int out) {
        // Non-zero biases, so a mistake in how Gemm's C input is wired cannot hide.
        return new Linear(b, rng, in, out, Init.uniform(0.6), Init.uniform(0.5));
    }

    private ModelProto assertMatchesForward(Layer g, NoisePrior prior, int[] dataShape, int... batches) throws Exception {
        return OrtRunner.assertMatchesForward(b, g, prior, dataShape, batches);
    }

    @Test
    void linearReluSigmoidBecomesGemmReluGemmSigmoidReshape() throws Exception {
        Sequential g = new Sequential(linear(6, 5), Activation.relu(), linear(5, 4), Activation.sigmoid());
        ModelProto m = assertMatchesForward(g, NoisePrior.uniform(6, -1, 1), new int[] {2, 2}, 1, 7);
        assertThat(ops(m)).containsExactly("Gemm", "Relu", "Gemm", "Sigmoid", "Reshape");
        assertThat(attr(m, "Gemm", "transB").getI()).isEqualTo(1);
        assertThat(m.getOpsetImport(0).getVersion()).isEqualTo(17);
        assertThat(m.getIrVersion()).isEqualTo(8);
        GraphProto graph = m.getGraph();
        assertThat(graph.getInitializerList().stream().map(TensorProto::getName))
                .containsExactly("0.weight", "0.bias", "2.weight", "2.bias", "output_shape");
        assertThat(graph.getInitializer(0).getDimsList()).containsExactly(5L, 6L); // [out, in], as the layer keeps it
        List<TensorShapeProto.Dimension> in = graph.getInput(0).getType().getTensorType().getShape().getDimList();
        assertThat(graph.getInput(0).getName()).isEqualTo("z");
        assertThat(in.get(0).getDimParam()).isEqualTo("batch");
        assertThat(in.get(1).getDimValue()).isEqualTo(6);
        List<TensorShapeProto.Dimension> out = graph.getOutput(0).getType().getTensorType().getShape().getDimList();
        assertThat(graph.getOutput(0).getName()).isEqualTo("x");
        assertThat(out.get(0).getDimParam()).isEqualTo("batch");
        assertThat(out.stream().skip(1).map(TensorShapeProto.Dimension::getDimValue)).containsExactly(2L, 2L);

        Map<String, String> meta = OrtRunner.run(m, new float[6], 1).metadata();
        assertThat(meta).containsEntry("latent_size", "6").containsEntry("noise_prior", "uniform")
                .containsEntry("noise_low", "-1.0").containsEntry("noise_high", "1.0")
                .containsEntry("data_shape", "[2, 2]").containsEntry("output_low", "0.0")
                .containsEntry("output_high", "1.0").containsEntry("recipe", "unit-test");
    }

    @Test
    void maxoutBecomesGemmReshapeReduceMaxOverPieces() throws Exception {
        Sequential g = new Sequential(new Maxout(b, rng, 5, 3, 4, Init.uniform(0.6), Init.uniform(0.5)));
        ModelProto m = assertMatchesForward(g, NoisePrior.normal(5, 0, 1), new int[] {3}, 1, 9);
        assertThat(ops(m)).containsExactly("Gemm", "Reshape", "ReduceMax", "Reshape");
        assertThat(attr(m, "ReduceMax", "axes").getIntsList()).containsExactly(2L);
        assertThat(attr(m, "ReduceMax", "keepdims").getI()).isZero();
        TensorProto shape = OrtRunner.initializer(m, "0.pieces_shape");
        assertThat(shape.getInt64DataList()).containsExactly(0L, 3L, 4L);
        assertThat(m.getGraph().getInitializer(0).getName()).isEqualTo("0.linear.weight");
    }

    @Test
    void aRootLayerNeedsNoContainer() throws Exception {
        Maxout root = new Maxout(b, rng, 4, 2, 3, Init.uniform(0.6), Init.uniform(0.5));
        ModelProto m = assertMatchesForward(root, NoisePrior.uniform(4, 0, 1), new int[] {2}, 1, 64);
        assertThat(m.getGraph().getInitializer(0).getName()).isEqualTo("linear.weight");
    }

    @Test
    void leakyReluCarriesItsSlope() throws Exception {
        Sequential g = new Sequential(linear(3, 8), Activation.leakyRelu(0.2), linear(8, 2), Activation.leakyRelu(0.01));
        ModelProto m = assertMatchesForward(g, NoisePrior.normal(3, 0, 2), new int[] {2}, 1, 64);
        assertThat(ops(m)).containsExactly("Gemm", "LeakyRelu", "Gemm", "LeakyRelu", "Reshape");
        assertThat(attr(m, "LeakyRelu", "alpha").getF()).isEqualTo(0.2f);
        assertThat(OnnxExporter.metadata(m)).containsEntry("output_low", "-Infinity").containsEntry("output_high", "Infinity");
    }

    @Test
    void tanhBoundsTheOutputToMinusOneOne() throws Exception {
        Sequential g = new Sequential(linear(4, 6), Activation.tanh(), linear(6, 3), Activation.tanh());
        ModelProto m = assertMatchesForward(g, NoisePrior.normal(4, 0, 1), new int[] {3}, 1, 5);
        assertThat(ops(m)).containsExactly("Gemm", "Tanh", "Gemm", "Tanh", "Reshape");
        assertThat(OnnxExporter.metadata(m)).containsEntry("output_low", "-1.0").containsEntry("output_high", "1.0")
                .containsEntry("noise_prior", "normal").containsEntry("noise_std", "1.0");
    }

    @Test
    void dropoutAndIdentityAddNoNodesAndTrainingModeIsLeftAlone() throws Exception {
        Sequential g = new Sequential(linear(4, 6), new Dropout(0.5, new Rng(3)), Activation.identity(),
                linear(6, 2), Activation.relu());
        g.train();
        ModelProto m = assertMatchesForward(g, NoisePrior.uniform(4, -2, 2), new int[] {2}, 1, 16);
        assertThat(ops(m)).containsExactly("Gemm", "Gemm", "Relu", "Reshape");
        assertThat(g.isTraining()).isTrue();
        assertThat(OnnxExporter.metadata(m)).containsEntry("output_low", "0.0").containsEntry("output_high", "Infinity");
    }

    /** A layer gan-core knows nothing about. */
    static final class Doubler extends Layer {
        @Override
        public Tensor forward(Tensor x) {
            return x.mul(2f);
        }
    }

    @Test
    void anUnsupportedLayerIsNamedByClassAndPath() {
        Sequential g = new Sequential(linear(3, 4), new Sequential(Activation.tanh(), new Doubler()));
        assertThatThrownBy(() -> new OnnxExporter().exportGenerator(g, NoisePrior.normal(3, 0, 1), new int[] {4}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("layer '1.1'")
                .hasMessageContaining(Doubler.class.getName())
                .hasMessageContaining("Layers that export: [Activation, BatchNorm1d, BatchNorm2d, Conv2d, ConvTranspose2d,"
                        + " Dropout, Flatten, LabelMaps, Linear, Maxout, Sequential, Unflatten]")
                .hasMessageContaining("OnnxLayerExporters.standard().with(Doubler.class, exporter)");
        assertThatThrownBy(() -> new OnnxExporter().exportGenerator(new Doubler(), NoisePrior.normal(3, 0, 1), new int[] {3}, Map.of()))
                .hasMessageContaining("the root module (" + Doubler.class.getName() + ")");
    }

    @Test
    void aRegisteredExporterMakesANewLayerExportable() throws Exception {
        OnnxLayerExporters table = OnnxLayerExporters.standard().with(Doubler.class, (layer, in, g) -> {
            String two = g.constant("two", new float[] {2f}, 1);
            return in.mapped(g.node("Mul", "doubled", List.of(in.name(), two)), v -> 2 * v);
        });
        assertThat(table.supportedLayers()).contains("Doubler", "Linear");
        Sequential g = new Sequential(linear(3, 4), Activation.sigmoid(), new Doubler());
        ModelProto m = new OnnxExporter(table).exportGenerator(g, NoisePrior.normal(3, 0, 1), new int[] {4}, Map.of());
        assertThat(ops(m)).containsExactly("Gemm", "Sigmoid", "Mul", "Reshape");
        assertThat(OnnxExporter.metadata(m)).containsEntry("output_high", "2.0");
        float[] z = Sampler.noise(NoisePrior.normal(3, 0, 1), new Rng(1), 5);
        try (Scope s = Scope.open()) {
            float[] expected = g.forward(b.tensor(z, 5, 3)).toArray();
            assertThat(OrtRunner.maxAbsDiff(OrtRunner.run(m, z, 5).values(), expected)).isLessThanOrEqualTo(TOLERANCE);
        }
    }

    @Test
    void shapeMismatchesAreReportedWithTheLayer() {
        Sequential g = new Sequential(linear(4, 3), linear(5, 2));
        assertThatThrownBy(() -> new OnnxExporter().exportGenerator(g, NoisePrior.normal(4, 0, 1), new int[] {2}, Map.of()))
                .hasMessageContaining("layer '1' (" + Linear.class.getName() + ")")
                .hasMessageContaining("maps [batch, 5] to [batch, 2] but receives [batch, 3]");
        Sequential ok = new Sequential(linear(4, 6));
        assertThatThrownBy(() -> new OnnxExporter().exportGenerator(ok, NoisePrior.normal(4, 0, 1), new int[] {28, 28}, Map.of()))
                .hasMessageContaining("produces [batch, 6] (6 values per sample) but the data shape [28, 28] needs 784");
        assertThatThrownBy(() -> new OnnxExporter().exportGenerator(ok, NoisePrior.normal(4, 0, 1), new int[] {6},
                Map.of("latent_size", "5"))).hasMessageContaining("'latent_size' is reserved");
    }

    @Test
    void writesAtomicallyAndReadsBack(@TempDir Path dir) throws Exception {
        Sequential g = new Sequential(linear(2, 3), Activation.sigmoid());
        ModelProto m = new OnnxExporter().exportGenerator(g, NoisePrior.uniform(2, -1, 1), new int[] {3}, Map.of("seed", "4"));
        Path file = dir.resolve("sub/g.onnx");
        OnnxExporter.write(file, m);
        assertThat(OnnxExporter.read(file)).isEqualTo(m);
        try (var dirList = Files.list(file.getParent())) {
            assertThat(dirList.map(p -> p.getFileName().toString())).containsExactly("g.onnx"); // no temporary left
        }
        try (var s = OrtRunner.ENV.createSession(file.toString(), new ai.onnxruntime.OrtSession.SessionOptions())) {
            assertThat(s.getInputNames()).containsExactly("z");
            assertThat(s.getOutputNames()).containsExactly("x");
        }
        Path junk = Files.writeString(dir.resolve("junk.onnx"), "not an onnx file");
        assertThatThrownBy(() -> OnnxExporter.read(junk)).hasMessageContaining("is not an ONNX model");
        assertThatThrownBy(() -> OnnxExporter.read(dir.resolve("missing.onnx"))).hasMessageContaining("No ONNX file at");
    }
}

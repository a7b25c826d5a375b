package dev.adversarial.gan.core.onnx;

import static dev.adversarial.gan.core.onnx.OrtRunner.ops;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Backends;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.core.nn.Activation;
import dev.adversarial.gan.core.nn.Init;
import dev.adversarial.gan.core.nn.Linear;
import dev.adversarial.gan.core.nn.Sequential;
import dev.adversarial.gan.core.train.GanModel;
import dev.adversarial.gan.core.train.NoisePrior;
import dev.adversarial.gan.core.train.Sampler;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A conditional generator (G takes [z, one-hot label]) exported with its int64 {@code label}
 * input: the graph builds the one-hot row itself, ONNX Runtime gives the backend's samples for
 * the same z and labels, and the metadata lists the classes.
 */
class ConditionalOnnxExportTest {
    private static final int LATENT = 5;
    private static final int CLASSES = 4;
    private final Backend b = Backends.get("cpu");
    private final Rng rng = new Rng(21);

    private GanModel model() {
        Sequential g = new Sequential(new Linear(b, rng, LATENT + CLASSES, 8, Init.uniform(0.6), Init.uniform(0.5)),
                Activation.relu(), new Linear(b, rng, 8, 6, Init.uniform(0.6), Init.uniform(0.5)), Activation.sigmoid());
        Sequential d = new Sequential(new Linear(b, rng, 6 + CLASSES, 1, Init.uniform(0.1), Init.uniform(0.1)));
        return new GanModel(g, d, NoisePrior.uniform(LATENT, -1, 1), new int[] {2, 3}, CLASSES);
    }

    @Test
    void onnxRuntimeGivesTheBackendsSamplesForTheSameNoiseAndLabels() throws Exception {
        try (GanModel model = model()) {
            ModelProto m = new OnnxExporter().exportGenerator(model, Map.of("recipe", "unit-test"));
            assertThat(OnnxModelCheck.problems(m)).isEmpty();
            assertThat(ops(m)).containsExactly("OneHot", "Concat", "Gemm", "Relu", "Gemm", "Sigmoid", "Reshape");
            List<ValueInfoProto> inputs = m.getGraph().getInputList();
            assertThat(inputs).extracting(ValueInfoProto::getName).containsExactly("z", "label");
            assertThat(inputs.get(1).getType().getTensorType().getElemType()).isEqualTo(TensorProto.DataType.INT64.getNumber());
            assertThat(inputs.get(1).getType().getTensorType().getShape().getDimList()).hasSize(1);
            assertThat(OnnxExporter.metadata(m)).containsEntry("classes", "0,1,2,3").containsEntry("latent_size", "5");
            assertThat(GeneratorMetadata.fromMap(OnnxExporter.metadata(m)).classes()).containsExactly("0", "1", "2", "3");

            for (int n : new int[] {1, 9}) {
                float[] z = Sampler.noise(model.prior(), new Rng(n), n);
                int[] labels = new int[n];
                for (int i = 0; i < n; i++) {
                    labels[i] = (i * 3 + 1) % CLASSES;
                }
                float[] expected = Sampler.generate(model, b, z, labels, n, n);
                float[] actual = run(m, z, labels);
                assertThat(OrtRunner.maxAbsDiff(actual, expected)).as("batch %d", n).isLessThanOrEqualTo(OrtRunner.TOLERANCE);
            }
        }
    }

    @Test
    void theLabelChangesTheSampleAndTheNoiseAloneDoesNotDecideIt() throws Exception {
        try (GanModel model = model()) {
            ModelProto m = new OnnxExporter().exportGenerator(model, Map.of());
            float[] z = Sampler.noise(model.prior(), new Rng(3), 1);
            float[] zero = run(m, z, new int[] {0}), three = run(m, z, new int[] {3});
            assertThat(OrtRunner.maxAbsDiff(zero, three)).isGreaterThan(1e-3f);
        }
    }

    @Test
    void metadataRefusesOneClassAndNamesWithCommas() {
        NoisePrior p = NoisePrior.normal(2, 0, 1);
        assertThatThrownBy(() -> new GeneratorMetadata(p, new int[] {3}, 0, 1, List.of("only"), Map.of()))
                .hasMessageContaining("at least 2 classes");
        assertThatThrownBy(() -> new GeneratorMetadata(p, new int[] {3}, 0, 1, List.of("a,b", "c"), Map.of()))
                .hasMessageContaining("free of commas");
        Map<String, String> m = new java.util.LinkedHashMap<>(new GeneratorMetadata(p, new int[] {3}, 0, 1, Map.of()).toMap());
        assertThat(m).doesNotContainKey("classes");
        m.put("classes", "7");
        assertThatThrownBy(() -> GeneratorMetadata.fromMap(m)).hasMessageContaining("does not describe a generator")
                .hasMessageContaining("at least 2 classes");
    }

    private static float[] run(ModelProto m, float[] z, int[] labels) throws Exception {
        int n = labels.length;
        long[] y = java.util.Arrays.stream(labels).asLongStream().toArray();
        try (OrtSession s = OrtRunner.ENV.createSession(m.toByteArray(), new OrtSession.SessionOptions());
             OnnxTensor zt = OnnxTensor.createTensor(OrtRunner.ENV, FloatBuffer.wrap(z), new long[] {n, z.length / n});
             OnnxTensor yt = OnnxTensor.createTensor(OrtRunner.ENV, LongBuffer.wrap(y), new long[] {n});
             OrtSession.Result r = s.run(Map.of(OnnxExporter.INPUT, zt, OnnxExporter.LABEL_INPUT, yt))) {
            FloatBuffer buf = ((OnnxTensor) r.get(OnnxExporter.OUTPUT).orElseThrow()).getFloatBuffer();
            float[] values = new float[buf.remaining()];
            buf.get(values);
            return values;
        }
    }
}

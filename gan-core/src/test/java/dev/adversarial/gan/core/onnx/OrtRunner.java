package dev.adversarial.gan.core.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Layer;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.api.Scope;
import dev.adversarial.gan.core.train.NoisePrior;
import dev.adversarial.gan.core.train.Sampler;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;

/**
 * Runs exported models in ONNX Runtime, the reference consumer, for the tests; compares them
 * with the module's own forward pass; and reads back what a graph holds.
 */
final class OrtRunner {
    static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();
    /** Largest |ONNX Runtime − forward pass| accepted: float32 rounding in another summation order. */
    static final float TOLERANCE = 1e-5f;

    /** The output of one run: its shape (batch first) and values. */
    record Result(long[] shape, float[] values, Map<String, String> metadata) {
    }

    private OrtRunner() {
    }

    static Result run(ModelProto model, float[] z, int n) throws OrtException {
        long latent = z.length / n;
        try (OrtSession s = ENV.createSession(model.toByteArray(), new OrtSession.SessionOptions());
             OnnxTensor input = OnnxTensor.createTensor(ENV, FloatBuffer.wrap(z), new long[] {n, latent});
             OrtSession.Result r = s.run(Map.of(OnnxExporter.INPUT, input))) {
            OnnxTensor x = (OnnxTensor) r.get(OnnxExporter.OUTPUT).orElseThrow();
            FloatBuffer buf = x.getFloatBuffer();
            float[] values = new float[buf.remaining()];
            buf.get(values);
            return new Result(x.getInfo().getShape(), values, s.getMetadata().getCustomMetadata());
        }
    }

    static float maxAbsDiff(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new AssertionError("lengths differ: " + a.length + " vs " + b.length);
        }
        float m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    /**
     * Exports {@code g}, checks the file's structure, and for each batch size runs the same z
     * through ONNX Runtime and through the module in evaluation mode (restoring its mode after):
     * the output has shape [n, dataShape…] and matches to {@link #TOLERANCE}.
     */
    static ModelProto assertMatchesForward(Backend b, Layer g, NoisePrior prior, int[] dataShape, int... batches)
            throws OrtException {
        ModelProto model = new OnnxExporter().exportGenerator(g, prior, dataShape, Map.of("recipe", "unit-test"));
        assertThat(OnnxModelCheck.problems(model)).isEmpty();
        for (int n : batches) {
            float[] z = Sampler.noise(prior, new Rng(n), n);
            float[] expected;
            boolean wasTraining = g.isTraining();
            g.eval();
            try (Scope s = Scope.open()) {
                expected = g.forward(b.tensor(z, n, prior.dim())).toArray();
            } finally {
                if (wasTraining) {
                    g.train();
                }
            }
            Result actual = run(model, z, n);
            long[] shape = new long[dataShape.length + 1];
            shape[0] = n;
            for (int i = 0; i < dataShape.length; i++) {
                shape[i + 1] = dataShape[i];
            }
            assertThat(actual.shape()).containsExactly(shape);
            assertThat(maxAbsDiff(actual.values(), expected)).as("batch %d", n).isLessThanOrEqualTo(TOLERANCE);
        }
        return model;
    }

    /** The graph's operators in order. */
    static List<String> ops(ModelProto m) {
        return m.getGraph().getNodeList().stream().map(NodeProto::getOpType).toList();
    }

    /** Attribute {@code name} of the first node of type {@code op}. */
    static AttributeProto attr(ModelProto m, String op, String name) {
        return m.getGraph().getNodeList().stream().filter(n -> n.getOpType().equals(op)).findFirst().orElseThrow()
                .getAttributeList().stream().filter(a -> a.getName().equals(name)).findFirst().orElseThrow();
    }

    /** The initializer called {@code name}. */
    static TensorProto initializer(ModelProto m, String name) {
        return m.getGraph().getInitializerList().stream().filter(t -> t.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no initializer '" + name + "'"));
    }
}

package dev.adversarial.gan.core.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Map;

/** Runs exported models in ONNX Runtime, the reference consumer, for the tests. */
final class OrtRunner {
    static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

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
}

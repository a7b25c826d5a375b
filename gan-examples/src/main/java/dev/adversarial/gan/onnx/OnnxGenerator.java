package dev.adversarial.gan.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.adversarial.gan.core.onnx.GeneratorMetadata;
import dev.adversarial.gan.core.onnx.OnnxExporter;
import dev.adversarial.gan.core.train.NoisePrior;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * A generator exported by {@code gan export}, run in ONNX Runtime. Nothing here touches a gan
 * backend: the file carries the weights, the graph and, in its metadata, the noise prior and
 * data shape, so a trained generator can be sampled on a machine that has neither the pure-Java
 * nor the PyTorch backend, exactly as Python's onnxruntime would sample it.
 *
 * <p>Opening checks that the file has the interface the exporter writes (a float input
 * {@code z} of [batch, latent], an output {@code x}, and the metadata), so a wrong file is refused
 * with what was expected instead of failing later inside a run. A conditional generator (its
 * metadata lists {@code classes}) must also take the int64 input {@code label} of [batch].
 */
public final class OnnxGenerator implements AutoCloseable {
    private final OrtSession session;
    private final GeneratorMetadata metadata;
    private final String source;

    private OnnxGenerator(OrtSession session, GeneratorMetadata metadata, String source) {
        this.session = session;
        this.metadata = metadata;
        this.source = source;
    }

    /** Opens an exported generator file. */
    public static OnnxGenerator load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("No ONNX file at " + file + " (write one with `gan export --checkpoint PATH --out "
                    + file.getFileName() + "`)");
        }
        OrtSession session;
        try {
            session = environment().createSession(file.toString(), new OrtSession.SessionOptions());
        } catch (OrtException e) {
            throw new IOException("ONNX Runtime cannot load " + file + ": " + e.getMessage()
                    + " (is it an ONNX model? `gan export` writes them)", e);
        }
        return open(session, file.toString());
    }

    /** Opens a generator from the bytes of a model, e.g. one just exported and not yet written. */
    public static OnnxGenerator fromBytes(byte[] model, String source) throws IOException {
        try {
            return open(environment().createSession(model, new OrtSession.SessionOptions()), source);
        } catch (OrtException e) {
            throw new IOException("ONNX Runtime cannot load " + source + ": " + e.getMessage(), e);
        }
    }

    private static OrtEnvironment environment() {
        // Loads ONNX Runtime's native library on first use; one environment serves the JVM.
        return OrtEnvironment.getEnvironment();
    }

    private static OnnxGenerator open(OrtSession session, String source) throws IOException {
        boolean opened = false;
        try {
            GeneratorMetadata metadata;
            try {
                metadata = GeneratorMetadata.fromMap(session.getMetadata().getCustomMetadata());
            } catch (IllegalArgumentException e) {
                throw new IOException(source + ": " + e.getMessage(), e);
            }
            Map<String, NodeInfo> inputs = session.getInputInfo();
            NodeInfo z = inputs.get(OnnxExporter.INPUT);
            long latent = metadata.prior().dim();
            if (metadata.isConditional()) {
                NodeInfo label = inputs.get(OnnxExporter.LABEL_INPUT);
                if (label == null || !(label.getInfo() instanceof TensorInfo l) || l.type != OnnxJavaType.INT64
                        || l.getShape().length != 1) {
                    throw new IOException(source + " lists classes " + metadata.classes() + " in its metadata but does"
                            + " not take the input a conditional export has: an int64 tensor '"
                            + OnnxExporter.LABEL_INPUT + "' of shape [batch]; found " + inputs.values());
                }
            }
            int expectedInputs = metadata.isConditional() ? 2 : 1;
            if (inputs.size() != expectedInputs || z == null || !(z.getInfo() instanceof TensorInfo t) || t.type != OnnxJavaType.FLOAT
                    || t.getShape().length != 2 || (t.getShape()[1] != latent && t.getShape()[1] != -1)) {
                throw new IOException(source + " does not take the input a generator export has: expected one float"
                        + " tensor '" + OnnxExporter.INPUT + "' of shape [batch, " + latent + "], found " + inputs.values());
            }
            if (!session.getOutputNames().contains(OnnxExporter.OUTPUT)) {
                throw new IOException(source + " has no output '" + OnnxExporter.OUTPUT + "' (outputs: "
                        + session.getOutputNames() + "); it was not written by `gan export`");
            }
            opened = true;
            return new OnnxGenerator(session, metadata, source);
        } catch (OrtException e) {
            throw new IOException("ONNX Runtime cannot inspect " + source + ": " + e.getMessage(), e);
        } finally {
            if (!opened) {
                closeQuietly(session);
            }
        }
    }

    /** Releases a session that failed its checks; the check's own error is the one to report. */
    private static void closeQuietly(OrtSession session) {
        try {
            session.close();
        } catch (OrtException ignored) {
            // Nothing more useful to say than the error already on its way to the user.
        }
    }

    public GeneratorMetadata metadata() {
        return metadata;
    }

    /** The noise the generator was trained on, from the file's metadata. */
    public NoisePrior prior() {
        return metadata.prior();
    }

    /** Values in one sample. */
    public int dataSize() {
        return metadata.dataSize();
    }

    /** The number of classes a conditional generator takes (0 when unconditional). */
    public int classes() {
        return metadata.classes().size();
    }

    /** G(z) of an unconditional generator; see {@link #generate(float[], int[], int, int)}. */
    public float[] generate(float[] z, int n, int batch) {
        return generate(z, null, n, batch);
    }

    /**
     * G(z, label) for the n rows of z ([n, latent], row-major) and, for a conditional generator,
     * one label per row in [0, classes) (null for an unconditional one), {@code batch} rows per
     * run; returns [n, data size] row-major, the layout {@code Sampler.generate} returns for a
     * backend. Labels are checked here because the graph's OneHot would quietly turn a label out
     * of range into an all-zero row.
     */
    public float[] generate(float[] z, int[] labels, int n, int batch) {
        int latent = prior().dim(), size = dataSize();
        if (n <= 0 || batch <= 0 || z.length != (long) n * latent) {
            throw new IllegalArgumentException("Need n > 0 noise vectors of " + latent + " values and batch > 0; got "
                    + z.length + " values for n = " + n + " and batch = " + batch);
        }
        requireLabels(labels, n);
        float[] out = new float[n * size];
        for (int start = 0; start < n; start += batch) {
            int m = Math.min(batch, n - start);
            FloatBuffer zb = FloatBuffer.wrap(z, start * latent, m * latent).slice();
            try (OnnxTensor input = OnnxTensor.createTensor(environment(), zb, new long[] {m, latent});
                 OnnxTensor label = labels == null ? null : OnnxTensor.createTensor(environment(),
                         LongBuffer.wrap(Arrays.stream(labels, start, start + m).asLongStream().toArray()), new long[] {m});
                 OrtSession.Result result = session.run(label == null ? Map.of(OnnxExporter.INPUT, input)
                         : Map.of(OnnxExporter.INPUT, input, OnnxExporter.LABEL_INPUT, label))) {
                OnnxTensor x = (OnnxTensor) result.get(OnnxExporter.OUTPUT).orElseThrow();
                FloatBuffer values = x.getFloatBuffer();
                if (values.remaining() != m * size) {
                    throw new IllegalStateException(source + " returned shape " + Arrays.toString(x.getInfo().getShape())
                            + " for " + m + " noise vectors; its metadata promises data shape "
                            + Arrays.toString(metadata.dataShape()));
                }
                values.get(out, start * size, m * size);
            } catch (OrtException e) {
                throw new IllegalStateException("ONNX Runtime failed to run " + source + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    private void requireLabels(int[] labels, int n) {
        if (!metadata.isConditional()) {
            if (labels != null) {
                throw new IllegalArgumentException(source + " is not a conditional generator; it takes no labels");
            }
            return;
        }
        if (labels == null || labels.length != n) {
            throw new IllegalArgumentException(source + " is a conditional generator and needs one label per sample: " + n
                    + " samples, " + (labels == null ? "no" : labels.length) + " labels");
        }
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0 || labels[i] >= classes()) {
                throw new IllegalArgumentException("Label " + labels[i] + " (sample " + i + ") is not a class of " + source
                        + ": use 0 to " + (classes() - 1));
            }
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("Could not close the ONNX Runtime session for " + source, e);
        }
    }
}

package dev.adversarial.gan.core.onnx;

import ai.onnx.proto.OnnxMl;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.adversarial.gan.api.Layer;
import dev.adversarial.gan.core.GanVersion;
import dev.adversarial.gan.core.io.AtomicFiles;
import dev.adversarial.gan.core.train.GanModel;
import dev.adversarial.gan.core.train.NoisePrior;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Writes a generator as an ONNX model, so that it can be sampled with no gan backend at all
 * (ONNX Runtime from Java, Python, C++, a browser…).
 *
 * <p>The model: opset 17, IR version 8; one input {@code z}, float32 {@code [batch, latent]}, and
 * one output {@code x}, float32 {@code [batch, data shape…]}, where {@code batch} is symbolic so
 * any batch size runs. The nodes are the generator's layers in evaluation mode, each turned into
 * ONNX operators by the {@link OnnxLayerExporter} registered for its class, followed by a Reshape
 * to the data shape. Parameters are initializers named by their dotted state-dict names
 * ("0.weight"). metadata_props hold the noise prior, the data shape, the output range and the
 * caller's provenance ({@link GeneratorMetadata}).
 *
 * <p>A conditional generator ({@link GanModel#isConditional()}) has a second input
 * {@code label}, int64 {@code [batch]}, one class index per row. Inside the graph the label
 * becomes the one-hot row the backend builds ({@code Conditioning}): OneHot(label, classes) with
 * values [0, 1], concatenated after z, so G's first layer sees [batch, latent + classes] exactly
 * as in training. OneHot gives an all-zero row for an index outside [0, classes) (and counts a
 * negative one from the end), so callers check labels before running the graph; OnnxGenerator
 * does. The metadata lists the classes.
 *
 * <p>The protobuf messages are built with the classes generated from onnx-ml.proto that
 * tribuo-util-onnx ships, so the encoding is protobuf's own. Every model is checked with
 * {@link OnnxModelCheck} before it is returned.
 */
public final class OnnxExporter {
    /** The operator set every exported node is written against. */
    public static final int OPSET = 17;
    /** IR version 8 (ONNX 1.10–1.12): the one ONNX 1.12 wrote when it introduced opset 17, so older runtimes load the file. */
    public static final long IR_VERSION = OnnxMl.Version.IR_VERSION_2021_7_30_VALUE;
    /** Name of the noise input. */
    public static final String INPUT = "z";
    /** Name of a conditional generator's class-label input (int64, [batch]). */
    public static final String LABEL_INPUT = "label";
    /** Name of the sample output. */
    public static final String OUTPUT = "x";
    public static final String PRODUCER = "dev.adversarial.gan";

    private final OnnxLayerExporters exporters;

    /** An exporter for gan-core's own layers. */
    public OnnxExporter() {
        this(OnnxLayerExporters.standard());
    }

    /** An exporter with a table of layer exporters of your choosing (to add layers of your own). */
    public OnnxExporter(OnnxLayerExporters exporters) {
        if (exporters == null) {
            throw new IllegalArgumentException("OnnxExporter needs a table of layer exporters; use OnnxLayerExporters.standard()");
        }
        this.exporters = exporters;
    }

    /**
     * Writes the model's generator to {@code file} (atomically: the whole new model or the file as
     * it was) with its metadata filled in: the interface ({@link GeneratorMetadata}) and
     * {@code gan_version}, this library's version. Returns what was written, in plain types.
     */
    public ExportedGenerator exportGenerator(GanModel model, Path file) throws IOException {
        return exportGenerator(model, file, Map.of());
    }

    /**
     * As {@link #exportGenerator(GanModel, Path)}, recording {@code metadata} as well (provenance
     * such as {@link GeneratorMetadata#RECIPE} and {@link GeneratorMetadata#SEED}, built in one
     * place by the caller); a {@code gan_version} given here wins over the library's own.
     */
    public ExportedGenerator exportGenerator(GanModel model, Path file, Map<String, String> metadata) throws IOException {
        Map<String, String> all = new java.util.LinkedHashMap<>();
        all.put(GeneratorMetadata.GAN_VERSION, GanVersion.version());
        all.putAll(metadata);
        ModelProto onnx = exportGenerator(model, all);
        byte[] bytes = onnx.toByteArray();
        AtomicFiles.write(file, o -> o.write(bytes));
        return ExportedGenerator.of(file, onnx, bytes.length);
    }

    /**
     * The model's generator as a protobuf message, with its prior and data shape, and for a
     * conditional model its {@code label} input with classes named "0", "1", …; see
     * {@link #exportGenerator(Layer, NoisePrior, int[], List, Map)}. Most callers want {@link
     * #exportGenerator(GanModel, Path)}, which writes the file and fills in the version.
     */
    public ModelProto exportGenerator(GanModel model, Map<String, String> provenance) {
        return exportGenerator(model.generator(), model.prior(), model.dataShape(),
                GeneratorMetadata.numberedClasses(model.classes()), provenance);
    }

    /** An unconditional generator; see {@link #exportGenerator(Layer, NoisePrior, int[], List, Map)}. */
    public ModelProto exportGenerator(Layer generator, NoisePrior prior, int[] dataShape, Map<String, String> provenance) {
        return exportGenerator(generator, prior, dataShape, List.of(), provenance);
    }

    /**
     * The generator as an ONNX model. The generator's parameters are read, never changed, and no
     * forward pass runs, so its training mode does not matter: the graph is always the evaluation
     * mode computation.
     *
     * @param classes    the class names of a conditional generator, label 0 first (G then takes
     *                   [batch, latent + classes.size()]); empty for an unconditional one
     * @param provenance metadata entries to record beside the interface, by convention
     *                   {@link GeneratorMetadata#RECIPE}, {@link GeneratorMetadata#SEED} and
     *                   {@link GeneratorMetadata#GAN_VERSION}
     * @throws IllegalArgumentException naming the layer (class and dotted path) that cannot be
     *                                  exported, or when the generator's output does not have
     *                                  {@code dataShape}'s number of values
     */
    public ModelProto exportGenerator(Layer generator, NoisePrior prior, int[] dataShape, List<String> classes,
                                      Map<String, String> provenance) {
        int size = Arrays.stream(dataShape).reduce(1, (a, b) -> a * b);
        OnnxGraphBuilder g = new OnnxGraphBuilder("generator", exporters);
        g.addInput(INPUT, prior.dim());
        // Uniform noise is bounded, and the bounds carry through ReLU and friends; normal is not.
        GraphValue z = prior.kind() == NoisePrior.Kind.UNIFORM
                ? new GraphValue(INPUT, new int[] {prior.dim()}, prior.a(), prior.b())
                : GraphValue.unbounded(INPUT, prior.dim());
        if (!classes.isEmpty()) {
            z = withOneHotLabels(g, z, classes.size());
        }
        GraphValue h = g.exportRoot(generator, z);
        if (h.size() != size) {
            throw new IllegalArgumentException("Cannot export the generator to ONNX: it produces " + h.shapeText() + " ("
                    + h.size() + " values per sample) but the data shape " + Arrays.toString(dataShape) + " needs "
                    + size + "; pass the data shape the generator was built for");
        }
        long[] target = new long[dataShape.length + 1]; // target[0] = 0: keep the batch dimension
        for (int i = 0; i < dataShape.length; i++) {
            target[i + 1] = dataShape[i];
        }
        g.addNode("Reshape", OUTPUT, List.of(h.name(), g.int64Constant("output_shape", target)));
        g.addOutput(OUTPUT, dataShape);
        GeneratorMetadata metadata = new GeneratorMetadata(prior, dataShape, h.low(), h.high(), classes, provenance);
        String summary = "GAN generator: " + INPUT + " [batch, " + prior.dim() + "] drawn from " + prior
                + (classes.isEmpty() ? "" : ", " + LABEL_INPUT + " [batch] int64 in 0.." + (classes.size() - 1)) + " -> " + OUTPUT
                + " [batch" + Arrays.stream(dataShape).mapToObj(d -> ", " + d).reduce("", String::concat) + "] in ["
                + h.low() + ", " + h.high() + "]";
        g.setDocString(summary);
        ModelProto.Builder m = ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setProducerName(PRODUCER)
                .setProducerVersion(provenance.getOrDefault(GeneratorMetadata.GAN_VERSION, "unknown"))
                .setDocString(summary + ". Metadata: " + String.join(", ", metadata.toMap().keySet()) + ".")
                .setGraph(g.build());
        metadata.toMap().forEach((k, v) -> m.addMetadataProps(StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
        ModelProto model = m.build();
        OnnxModelCheck.requireValid(model);
        return model;
    }

    /**
     * Adds the {@code label} input and returns [z, one-hot(label)] ([batch, latent + classes]),
     * the layout {@code Conditioning.withLabels} gives G in training.
     */
    private static GraphValue withOneHotLabels(OnnxGraphBuilder g, GraphValue z, int classes) {
        g.addInt64BatchInput(LABEL_INPUT);
        String depth = g.int64Constant("label_depth", classes);
        String offOn = g.constant("label_off_on", new float[] {0f, 1f}, 2);
        String oneHot = g.node("OneHot", "label_one_hot", List.of(LABEL_INPUT, depth, offOn),
                OnnxGraphBuilder.attribute("axis", -1L));
        String joined = g.node("Concat", "z_label", List.of(z.name(), oneHot), OnnxGraphBuilder.attribute("axis", 1L));
        return new GraphValue(joined, new int[] {z.dims()[0] + classes}, Math.min(z.low(), 0), Math.max(z.high(), 1));
    }

    /** Writes the model atomically: the file is either the whole new model or left as it was. */
    public static void write(Path file, ModelProto model) throws IOException {
        AtomicFiles.write(file, model::writeTo);
    }

    /** Reads a model file, with a clear error when the file is missing or is not an ONNX model. */
    public static ModelProto read(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IOException("No ONNX file at " + file + " (write one with `gan export --checkpoint PATH --out FILE`)", e);
        }
        try {
            return ModelProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new IOException(file + " is not an ONNX model (" + e.getMessage() + ")", e);
        }
    }

    /** The metadata_props of a model as a map. */
    public static Map<String, String> metadata(ModelProto model) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        model.getMetadataPropsList().forEach(e -> m.put(e.getKey(), e.getValue()));
        return m;
    }
}

package dev.adversarial.gan.core.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import dev.adversarial.gan.api.Layer;
import dev.adversarial.gan.api.Parameter;
import dev.adversarial.gan.api.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds one ONNX graph while the exporter walks a module tree, and is what every
 * {@link OnnxLayerExporter} writes into. It keeps track of where in the tree the walk is, so that
 * the names a layer gives its initializers and nodes are prefixed with the layer's dotted path:
 * a Linear at "2" stores its weight as initializer "2.weight", the same key as in
 * {@code stateDict()} and in checkpoints, which makes an exported file easy to compare with the
 * model it came from. Every name in the graph is checked to be new, so two layers can never
 * silently read each other's values.
 */
public final class OnnxGraphBuilder {
    /** The symbolic name of the batch dimension of the graph's input and output. */
    public static final String BATCH = "batch";

    private final OnnxLayerExporters exporters;
    private final GraphProto.Builder graph = GraphProto.newBuilder();
    private final Set<String> names = new HashSet<>();
    private final Deque<Visit> walk = new ArrayDeque<>();
    private long parameterCount;

    /** Where the walk is: a layer and its dotted path ("" for the root). */
    private record Visit(String path, Layer module) {
    }

    OnnxGraphBuilder(String graphName, OnnxLayerExporters exporters) {
        this.exporters = exporters;
        graph.setName(graphName);
    }

    // ---- for layer exporters ------------------------------------------------------------------

    /** The dotted path of the layer being exported, "" at the root (as in {@code namedParameters()}). */
    public String path() {
        return walk.isEmpty() ? "" : walk.peek().path();
    }

    /** Exports a child of the current layer, registered under {@code childName}, on {@code input}. */
    public GraphValue exportChild(String childName, Layer child, GraphValue input) {
        String p = path();
        return export(p.isEmpty() ? childName : p + "." + childName, child, input);
    }

    /** Stores a parameter's current values as an initializer; returns its graph name. */
    public String parameter(String localName, Parameter p) {
        parameterCount += p.shape().size();
        return tensor(localName, p.value());
    }

    /**
     * Stores a tensor's current values as an initializer, for state that is not a parameter
     * (batch norm's running statistics, registered as buffers); returns its graph name. Named
     * like its state-dict key when {@code localName} is the buffer's own name.
     */
    public String tensor(String localName, Tensor value) {
        return constant(localName, value.toArray(), value.shape().dims());
    }

    /** A float32 initializer with these values in row-major order; returns its graph name. */
    public String constant(String localName, float[] values, int... dims) {
        long n = 1;
        for (int d : dims) {
            n *= d;
        }
        if (n != values.length) {
            throw new IllegalArgumentException("Initializer '" + localName + "' of shape " + java.util.Arrays.toString(dims)
                    + " needs " + n + " values, got " + values.length);
        }
        ByteBuffer raw = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(values);
        TensorProto.Builder t = TensorProto.newBuilder().setName(claim(qualify(localName)))
                .setDataType(TensorProto.DataType.FLOAT.getNumber()).setRawData(ByteString.copyFrom(raw.array()));
        for (int d : dims) {
            t.addDims(d);
        }
        graph.addInitializer(t);
        return t.getName();
    }

    /** A 1-D int64 initializer, as Reshape takes its target shape; returns its graph name. */
    public String int64Constant(String localName, long... values) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(claim(qualify(localName)))
                .setDataType(TensorProto.DataType.INT64.getNumber()).addDims(values.length);
        for (long v : values) {
            t.addInt64Data(v);
        }
        graph.addInitializer(t);
        return t.getName();
    }

    /** Adds a node of the default (ai.onnx) domain with one output; returns the output's graph name. */
    public String node(String opType, String localOutput, List<String> inputs, AttributeProto... attributes) {
        return addNode(opType, qualify(localOutput), inputs, attributes);
    }

    /**
     * An error about the layer being exported, naming its class and its path, for exporters to
     * throw when the layer cannot be expressed (an input of the wrong shape, say).
     */
    public IllegalArgumentException error(String problem) {
        Visit l = walk.peek();
        String who = l == null ? "the model" : describe(l.path(), l.module());
        return new IllegalArgumentException("Cannot export " + who + " to ONNX: " + problem);
    }

    public static AttributeProto attribute(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    public static AttributeProto attribute(String name, float value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(value).build();
    }

    public static AttributeProto attribute(String name, long[] values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    // ---- for the exporter -----------------------------------------------------------------

    /** Exports the whole tree below {@code root} (whose path is ""). */
    GraphValue exportRoot(Layer root, GraphValue input) {
        return export("", root, input);
    }

    private GraphValue export(String path, Layer module, GraphValue input) {
        OnnxLayerExporter<Layer> exporter = exporters.find(module);
        if (exporter == null) {
            String simple = module.getClass().getSimpleName();
            throw new IllegalArgumentException("Cannot export " + describe(path, module) + " to ONNX: no exporter is"
                    + " registered for its class. Layers that export: " + exporters.supportedLayers() + ". To add one,"
                    + " implement OnnxLayerExporter<" + simple + "> and pass OnnxLayerExporters.standard().with("
                    + simple + ".class, exporter) to new OnnxExporter(...).");
        }
        walk.push(new Visit(path, module));
        try {
            GraphValue out = exporter.export(module, input, this);
            if (out == null) {
                throw new IllegalStateException("The ONNX exporter for " + describe(path, module) + " returned no value");
            }
            return out;
        } finally {
            walk.pop();
        }
    }

    /** "layer '1.linear' (dev.adversarial.gan.core.nn.Linear)", or "the root module (…)" for path "". */
    static String describe(String path, Layer module) {
        String where = path.isEmpty() ? "the root module" : "layer '" + path + "'";
        return where + " (" + module.getClass().getName() + ")";
    }

    /** Adds a node whose output has exactly this graph name. */
    String addNode(String opType, String output, List<String> inputs, AttributeProto... attributes) {
        for (String in : inputs) {
            if (!names.contains(in)) {
                throw new IllegalStateException("Node " + output + " (" + opType + ") reads '" + in
                        + "', which nothing earlier in the graph defines");
            }
        }
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(opType).setName(output).addOutput(claim(output))
                .addAllInput(inputs);
        for (AttributeProto a : attributes) {
            n.addAttribute(a);
        }
        graph.addNode(n);
        return output;
    }

    void addInput(String name, int... featureDims) {
        graph.addInput(valueInfo(claim(name), TensorProto.DataType.FLOAT, featureDims));
    }

    /** An int64 input of shape [batch] (a conditional generator's class labels). */
    void addInt64BatchInput(String name) {
        graph.addInput(valueInfo(claim(name), TensorProto.DataType.INT64));
    }

    void addOutput(String name, int... featureDims) {
        graph.addOutput(valueInfo(name, TensorProto.DataType.FLOAT, featureDims));
    }

    void setDocString(String doc) {
        graph.setDocString(doc);
    }

    GraphProto build() {
        return graph.build();
    }

    /** Scalars stored as initializers from parameters. */
    long parameterCount() {
        return parameterCount;
    }

    private static ValueInfoProto valueInfo(String name, TensorProto.DataType elemType, int... featureDims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(BATCH));
        for (int d : featureDims) {
            shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        TypeProto type = TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
                .setElemType(elemType.getNumber()).setShape(shape)).build();
        return ValueInfoProto.newBuilder().setName(name).setType(type).build();
    }

    private String qualify(String localName) {
        if (localName == null || localName.isEmpty()) {
            throw new IllegalArgumentException("Graph names must be non-empty");
        }
        String p = path();
        return p.isEmpty() ? localName : p + "." + localName;
    }

    private String claim(String name) {
        if (!names.add(name)) {
            throw new IllegalStateException("The ONNX graph already has a value named '" + name + "'; each layer"
                    + " exporter must give its initializers and nodes distinct local names");
        }
        return name;
    }
}

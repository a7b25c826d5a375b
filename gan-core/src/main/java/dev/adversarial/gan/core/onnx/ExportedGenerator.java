package dev.adversarial.gan.core.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What {@link OnnxExporter#exportGenerator(dev.adversarial.gan.core.train.GanModel, Path)} wrote:
 * the file, its operator set and IR version, the graph's inputs and outputs, and its
 * metadata_props, in plain Java types (no protobuf classes), for a caller to report or check.
 *
 * @param file     the .onnx file written
 * @param opset    the ONNX operator set of every node
 * @param inputs   the graph's inputs in order (the noise {@code z}, then a label for a conditional model)
 * @param outputs  the graph's outputs (the samples {@code x})
 * @param metadata the metadata_props: the model's interface and the provenance recorded with it
 * @param bytes    the file's size
 */
public record ExportedGenerator(Path file, int opset, long irVersion, List<Port> inputs, List<Port> outputs,
                                Map<String, String> metadata, long bytes) {
    public ExportedGenerator {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        metadata = Map.copyOf(metadata);
    }

    /**
     * One input or output of the graph.
     *
     * @param type element type as ONNX names it in lower case ("float", "int64")
     * @param dims each dimension's size, or its symbolic name ("batch") when any size runs
     */
    public record Port(String name, String type, List<String> dims) {
        public Port {
            dims = List.copyOf(dims);
        }

        @Override
        public String toString() {
            return name + " " + type + " [" + String.join(", ", dims) + "]";
        }
    }

    static ExportedGenerator of(Path file, ModelProto model, long bytes) {
        return new ExportedGenerator(file, (int) model.getOpsetImport(0).getVersion(), model.getIrVersion(),
                model.getGraph().getInputList().stream().map(ExportedGenerator::port).toList(),
                model.getGraph().getOutputList().stream().map(ExportedGenerator::port).toList(),
                OnnxExporter.metadata(model), bytes);
    }

    private static Port port(ValueInfoProto v) {
        var tensor = v.getType().getTensorType();
        TensorProto.DataType t = TensorProto.DataType.forNumber(tensor.getElemType());
        String type = t == null ? "type " + tensor.getElemType() : t.name().toLowerCase(java.util.Locale.ROOT);
        List<String> dims = tensor.getShape().getDimList().stream()
                .map(d -> d.getValueCase() == TensorShapeProto.Dimension.ValueCase.DIM_VALUE
                        ? Long.toString(d.getDimValue()) : d.getDimParam())
                .toList();
        return new Port(v.getName(), type, dims);
    }
}

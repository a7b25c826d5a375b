package dev.adversarial.gan.core.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A structural check of an ONNX model, written here so that it runs in every build without
 * Python's onnx package: the IR version and an opset for the default domain are declared; names
 * of graph inputs, initializers and node outputs are non-empty and never defined twice; every
 * node reads only graph inputs, initializers or outputs of earlier nodes (so the node list is in
 * a valid execution order); every graph output is defined; inputs and outputs are typed tensors;
 * and each float or int64 initializer holds exactly as many values as its dimensions say.
 *
 * <p>It does not check operator semantics (ONNX Runtime does that when it loads a file); it
 * catches the mistakes a graph builder can make, and the exporter runs it on every model it
 * returns.
 */
public final class OnnxModelCheck {
    private OnnxModelCheck() {
    }

    /** Every problem found, each a sentence naming the offending element; empty when the model is sound. */
    public static List<String> problems(ModelProto model) {
        List<String> problems = new ArrayList<>();
        if (model.getIrVersion() <= 0) {
            problems.add("ir_version is not set");
        }
        Set<String> domains = new HashSet<>();
        for (OperatorSetIdProto op : model.getOpsetImportList()) {
            String d = op.getDomain().equals("ai.onnx") ? "" : op.getDomain();
            if (op.getVersion() <= 0) {
                problems.add("opset_import for domain '" + d + "' has no version");
            }
            domains.add(d);
        }
        if (!domains.contains("")) {
            problems.add("no opset is declared for the default ONNX domain (opset_import)");
        }
        if (!model.hasGraph()) {
            problems.add("the model has no graph");
            return problems;
        }
        GraphProto g = model.getGraph();
        if (g.getName().isEmpty()) {
            problems.add("the graph has no name");
        }
        // Where each name was defined, for messages about redefinitions.
        Map<String, String> defined = new HashMap<>();
        for (ValueInfoProto in : g.getInputList()) {
            define(in.getName(), "graph input", defined, problems);
            checkTensorType(in, "graph input", problems);
        }
        Set<String> initializers = new HashSet<>();
        for (TensorProto t : g.getInitializerList()) {
            if (!initializers.add(t.getName())) {
                problems.add("initializer '" + t.getName() + "' is defined twice");
            } else if (!defined.containsKey(t.getName())) {
                define(t.getName(), "initializer", defined, problems);
            }
            checkInitializerSize(t, problems);
        }
        for (int i = 0; i < g.getNodeCount(); i++) {
            NodeProto n = g.getNode(i);
            String node = "node " + i + " '" + n.getName() + "' (" + (n.getOpType().isEmpty() ? "no op_type" : n.getOpType()) + ")";
            if (n.getOpType().isEmpty()) {
                problems.add(node + " has no op_type");
            }
            String domain = n.getDomain().equals("ai.onnx") ? "" : n.getDomain();
            if (!domains.contains(domain)) {
                problems.add(node + " uses domain '" + domain + "', for which no opset is declared");
            }
            for (String in : n.getInputList()) {
                // An empty name marks an optional input left out, which ONNX allows.
                if (!in.isEmpty() && !defined.containsKey(in)) {
                    problems.add(node + " reads '" + in + "', which is not a graph input, an initializer or an"
                            + " output of an earlier node");
                }
            }
            if (n.getOutputCount() == 0) {
                problems.add(node + " has no outputs");
            }
            for (String out : n.getOutputList()) {
                define(out, node, defined, problems);
            }
        }
        if (g.getOutputCount() == 0) {
            problems.add("the graph has no outputs");
        }
        Set<String> outputs = new HashSet<>();
        for (ValueInfoProto out : g.getOutputList()) {
            if (!outputs.add(out.getName())) {
                problems.add("graph output '" + out.getName() + "' is listed twice");
            }
            if (!defined.containsKey(out.getName())) {
                problems.add("graph output '" + out.getName() + "' is not defined by any node, input or initializer");
            }
            checkTensorType(out, "graph output", problems);
        }
        return problems;
    }

    /** Throws with every problem listed when the model is not sound. */
    public static void requireValid(ModelProto model) {
        List<String> problems = problems(model);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The ONNX model is malformed: " + String.join("; ", problems));
        }
    }

    private static void define(String name, String by, Map<String, String> defined, List<String> problems) {
        if (name.isEmpty()) {
            problems.add(by + " has an empty name");
            return;
        }
        String earlier = defined.putIfAbsent(name, by);
        if (earlier != null) {
            problems.add(by + " defines '" + name + "', which " + earlier + " already defines (names must be unique)");
        }
    }

    private static void checkTensorType(ValueInfoProto v, String what, List<String> problems) {
        if (!v.hasType() || !v.getType().hasTensorType() || v.getType().getTensorType().getElemType() == 0) {
            problems.add(what + " '" + v.getName() + "' has no tensor element type");
        }
    }

    private static void checkInitializerSize(TensorProto t, List<String> problems) {
        long count = 1;
        for (long d : t.getDimsList()) {
            if (d < 0) {
                problems.add("initializer '" + t.getName() + "' has a negative dimension " + t.getDimsList());
                return;
            }
            count *= d;
        }
        int bytesPerValue;
        int typed;
        if (t.getDataType() == TensorProto.DataType.FLOAT.getNumber()) {
            bytesPerValue = Float.BYTES;
            typed = t.getFloatDataCount();
        } else if (t.getDataType() == TensorProto.DataType.INT64.getNumber()) {
            bytesPerValue = Long.BYTES;
            typed = t.getInt64DataCount();
        } else {
            return; // Only the types this project writes are checked.
        }
        long stored = t.getRawData().isEmpty() ? typed : t.getRawData().size() / bytesPerValue;
        boolean rawWhole = t.getRawData().size() % bytesPerValue == 0;
        if (stored != count || !rawWhole) {
            problems.add("initializer '" + t.getName() + "' has dimensions " + t.getDimsList() + " (" + count
                    + " values) but holds " + (rawWhole ? stored + " values" : t.getRawData().size() + " bytes"));
        }
    }
}

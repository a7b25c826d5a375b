package dev.adversarial.gan.core.onnx;

import static dev.adversarial.gan.core.onnx.OnnxGraphBuilder.attribute;

import dev.adversarial.gan.api.Layer;
import dev.adversarial.gan.core.nn.Activation;
import dev.adversarial.gan.core.nn.Dropout;
import dev.adversarial.gan.core.nn.Linear;
import dev.adversarial.gan.core.nn.Maxout;
import dev.adversarial.gan.core.nn.Sequential;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The ONNX form of gan-core's fully connected layers and activations, one method per layer class
 * (each is an {@link OnnxLayerExporter}, registered in {@link OnnxLayerExporters#standard()});
 * the convolutional ones are in {@link ConvLayerExporters}. All operators are from the default
 * domain at opset 17. Shapes below omit the symbolic batch dimension N.
 *
 * <ul>
 *   <li>Sequential: its children in order, nothing of its own.</li>
 *   <li>Linear(in → out): {@code Gemm(x [N,in], W [out,in], b [out], transB=1)} → [N,out]; W is
 *       stored [out, in] exactly as the layer keeps it.</li>
 *   <li>Maxout(in → units × pieces): its Linear's Gemm → [N, units·pieces], {@code Reshape} to
 *       [N, units, pieces] (unit j owns columns j·pieces … j·pieces+pieces−1, the layer's own
 *       layout), {@code ReduceMax(axes=[2], keepdims=0)} → [N, units]. Opset 17 takes ReduceMax's
 *       axes as an attribute; only opset 18 moved them to an input.</li>
 *   <li>Activation: Relu, LeakyRelu(alpha), Sigmoid or Tanh, same shape (any rank, so also
 *       after a convolution); IDENTITY adds nothing.</li>
 *   <li>Dropout: nothing; it is the identity in evaluation mode, and exported graphs are for
 *       inference.</li>
 * </ul>
 */
final class CoreLayerExporters {
    private CoreLayerExporters() {
    }

    static GraphValue sequential(Sequential s, GraphValue input, OnnxGraphBuilder g) {
        GraphValue h = input;
        for (Map.Entry<String, Layer> child : s.children().entrySet()) {
            h = g.exportChild(child.getKey(), child.getValue(), h);
        }
        return h;
    }

    static GraphValue linear(Linear l, GraphValue input, OnnxGraphBuilder g) {
        if (!Arrays.equals(input.dims(), new int[] {l.in()})) {
            throw g.error("it maps [batch, " + l.in() + "] to [batch, " + l.out() + "] but receives " + input.shapeText()
                    + (input.dims().length > 1 ? "; flatten the input first" : "; the layers before it do not fit"));
        }
        String out = g.node("Gemm", "gemm", List.of(input.name(), g.parameter("weight", l.weight()),
                g.parameter("bias", l.bias())), attribute("transB", 1L));
        return GraphValue.unbounded(out, l.out());
    }

    static GraphValue maxout(Maxout m, GraphValue input, OnnxGraphBuilder g) {
        // Exported through the Linear exporter, so its initializers are "<path>.linear.weight"
        // and "<path>.linear.bias", the Maxout's own state-dict keys.
        GraphValue z = g.exportChild("linear", m.linear(), input);
        // 0 in a Reshape target copies that input dimension: the batch size, whatever it is.
        String shape = g.int64Constant("pieces_shape", 0, m.units(), m.pieces());
        String pieces = g.node("Reshape", "pieces", List.of(z.name(), shape));
        String max = g.node("ReduceMax", "max", List.of(pieces), attribute("axes", new long[] {2}),
                attribute("keepdims", 0L));
        return GraphValue.unbounded(max, m.units());
    }

    static GraphValue activation(Activation a, GraphValue input, OnnxGraphBuilder g) {
        return switch (a.kind()) {
            case IDENTITY -> input;
            case RELU -> input.mapped(g.node("Relu", "relu", List.of(input.name())), v -> Math.max(v, 0));
            case LEAKY_RELU -> {
                float alpha = a.alpha();
                String out = g.node("LeakyRelu", "leaky_relu", List.of(input.name()), attribute("alpha", alpha));
                // max(x, alpha·x) with 0 <= alpha <= 1 is increasing, so the range maps end to end
                // (alpha = 0 spelled out: 0 · −∞ would be NaN).
                yield input.mapped(out, v -> v >= 0 ? v : alpha == 0 ? 0 : alpha * v);
            }
            case SIGMOID -> input.mapped(g.node("Sigmoid", "sigmoid", List.of(input.name())), CoreLayerExporters::sigmoid);
            case TANH -> input.mapped(g.node("Tanh", "tanh", List.of(input.name())), Math::tanh);
        };
    }

    static GraphValue dropout(Dropout d, GraphValue input, OnnxGraphBuilder g) {
        return input;
    }

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }
}

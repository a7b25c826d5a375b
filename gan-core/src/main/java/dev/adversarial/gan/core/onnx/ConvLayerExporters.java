package dev.adversarial.gan.core.onnx;

import static dev.adversarial.gan.core.onnx.OnnxGraphBuilder.attribute;

import ai.onnx.proto.OnnxMl.AttributeProto;
import dev.adversarial.gan.api.Conv2dSpec;
import dev.adversarial.gan.api.Parameter;
import dev.adversarial.gan.core.nn.BatchNorm;
import dev.adversarial.gan.core.nn.BatchNorm2d;
import dev.adversarial.gan.core.nn.Conv2d;
import dev.adversarial.gan.core.nn.ConvTranspose2d;
import dev.adversarial.gan.core.nn.Flatten;
import dev.adversarial.gan.core.nn.LabelMaps;
import dev.adversarial.gan.core.nn.Unflatten;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The ONNX form of gan-core's convolutional layers and of the layers that reshape between them
 * and fully connected ones (each an {@link OnnxLayerExporter}, registered in
 * {@link OnnxLayerExporters#standard()}). Opset 17, default domain; shapes omit the batch N.
 * Both convolution layers keep PyTorch's weight layouts, which are also ONNX's, so weights are
 * stored exactly as the layers hold them.
 *
 * <ul>
 *   <li>Conv2d(in → out, kh×kw, spec): {@code Conv(x [N,in,H,W], W [out,in/groups,kh,kw], b [out])}
 *       with kernel_shape, strides, pads [top, left, bottom, right] = [padH, padW, padH, padW],
 *       dilations and group; the bias input is left out when the layer has none.</li>
 *   <li>ConvTranspose2d(in → out, …): {@code ConvTranspose(x, W [in,out/groups,kh,kw], b [out])}
 *       with the same attributes plus output_padding. Its output size follows from them with
 *       PyTorch's formula, so no output_shape is given.</li>
 *   <li>BatchNorm1d/2d: {@code BatchNormalization(x, weight, bias, running_mean, running_var)}
 *       with epsilon and training_mode=0, its inference form: the running statistics, never the
 *       batch's, as the layer does in evaluation mode.</li>
 *   <li>Flatten: {@code Flatten(axis=1)} → [N, product]; nothing when the input is already
 *       [N, d], which the layer returns unchanged.</li>
 *   <li>Unflatten(shape…): {@code Reshape(x, [0, shape…])}, where 0 keeps the batch dimension.</li>
 *   <li>LabelMaps(C, H, W, K): {@code Slice} the C·H·W image columns and {@code Reshape} them to
 *       [N, C, H, W]; {@code Slice} the K label columns, {@code Reshape} to [N, K, 1, 1] and
 *       {@code Expand} to [N, K, H, W]; {@code Concat} the two on axis 1 → [N, C+K, H, W].</li>
 * </ul>
 *
 * <p>Convolutions and batch norm produce values of unknown range (as Gemm does); the reshaping
 * layers keep their input's range, so a final Sigmoid or Tanh still bounds the output.
 */
final class ConvLayerExporters {
    private ConvLayerExporters() {
    }

    static GraphValue conv2d(Conv2d c, GraphValue input, OnnxGraphBuilder g) {
        int[] hw = imageSize(c.in(), input, g);
        int kh = c.weight().shape().dim(2), kw = c.weight().shape().dim(3);
        Conv2dSpec s = c.spec();
        int oh = s.convOutH(hw[0], kh), ow = s.convOutW(hw[1], kw);
        requirePositions(oh, ow, input, g);
        String out = g.node("Conv", "conv", inputs(input, c.weight(), c.bias(), g), geometry(s, kh, kw, false));
        return GraphValue.unbounded(out, c.out(), oh, ow);
    }

    static GraphValue convTranspose2d(ConvTranspose2d c, GraphValue input, OnnxGraphBuilder g) {
        int[] hw = imageSize(c.in(), input, g);
        int kh = c.weight().shape().dim(2), kw = c.weight().shape().dim(3);
        Conv2dSpec s = c.spec();
        int oh = s.transposedOutH(hw[0], kh), ow = s.transposedOutW(hw[1], kw);
        requirePositions(oh, ow, input, g);
        String out = g.node("ConvTranspose", "conv_transpose", inputs(input, c.weight(), c.bias(), g),
                geometry(s, kh, kw, true));
        return GraphValue.unbounded(out, c.out(), oh, ow);
    }

    static GraphValue batchNorm(BatchNorm bn, GraphValue input, OnnxGraphBuilder g) {
        int[] d = input.dims();
        int c = bn.channels();
        boolean image = bn instanceof BatchNorm2d;
        boolean fits = (image ? d.length == 3 : d.length == 1 || d.length == 2) && d[0] == c;
        if (!fits) {
            throw g.error("it normalizes " + (image ? "[batch, " + c + ", height, width]"
                    : "[batch, " + c + "] or [batch, " + c + ", length]") + " but receives " + input.shapeText());
        }
        // Parameters and buffers under their own names: initializers "<path>.weight", "<path>.bias",
        // "<path>.running_mean" and "<path>.running_var", the layer's state-dict keys.
        String out = g.node("BatchNormalization", "batch_norm", List.of(input.name(),
                        g.parameter("weight", bn.weight()), g.parameter("bias", bn.bias()),
                        g.tensor("running_mean", bn.runningMean()), g.tensor("running_var", bn.runningVar())),
                attribute("epsilon", bn.eps()), attribute("training_mode", 0L));
        return GraphValue.unbounded(out, d);
    }

    static GraphValue flatten(Flatten f, GraphValue input, OnnxGraphBuilder g) {
        if (input.dims().length == 1) {
            return input;
        }
        return input.reshaped(g.node("Flatten", "flatten", List.of(input.name()), attribute("axis", 1L)), input.size());
    }

    static GraphValue unflatten(Unflatten u, GraphValue input, OnnxGraphBuilder g) {
        int[] shape = u.shape();
        int size = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        if (!Arrays.equals(input.dims(), new int[] {size})) {
            throw g.error("it reshapes [batch, " + size + "] but receives " + input.shapeText()
                    + (input.dims().length > 1 ? "; flatten the input first" : ""));
        }
        long[] target = new long[shape.length + 1]; // target[0] = 0: keep the batch dimension
        for (int i = 0; i < shape.length; i++) {
            target[i + 1] = shape[i];
        }
        String out = g.node("Reshape", "reshape", List.of(input.name(), g.int64Constant("shape", target)));
        return input.reshaped(out, shape);
    }

    static GraphValue labelMaps(LabelMaps l, GraphValue input, OnnxGraphBuilder g) {
        int pixels = l.imageSize(), k = l.classes();
        if (!Arrays.equals(input.dims(), new int[] {pixels + k})) {
            throw g.error("it takes [batch, " + (pixels + k) + "] (" + pixels + " image values, then " + k
                    + " one-hot label columns) but receives " + input.shapeText());
        }
        String axis = g.int64Constant("axis", 1);
        String image = g.node("Slice", "image_columns", List.of(input.name(), g.int64Constant("image_start", 0),
                g.int64Constant("image_end", pixels), axis));
        String unflat = g.node("Reshape", "image", List.of(image, g.int64Constant("image_shape", 0, l.channels(),
                l.height(), l.width())));
        if (k == 0) {
            return input.reshaped(unflat, l.channels(), l.height(), l.width());
        }
        String labels = g.node("Slice", "label_columns", List.of(input.name(), g.int64Constant("label_start", pixels),
                g.int64Constant("label_end", pixels + k), axis));
        String column = g.node("Reshape", "label_column", List.of(labels, g.int64Constant("label_shape", 0, k, 1, 1)));
        String maps = g.node("Expand", "label_maps", List.of(column, g.int64Constant("map_shape", 1, 1, l.height(),
                l.width())));
        String out = g.node("Concat", "concat", List.of(unflat, maps), attribute("axis", 1L));
        // Image values and one-hot entries alike come from the input, so its range still holds.
        return new GraphValue(out, new int[] {l.channels() + k, l.height(), l.width()}, input.low(), input.high());
    }

    /** [height, width] of an input that must be [channels, height, width]. */
    private static int[] imageSize(int channels, GraphValue input, OnnxGraphBuilder g) {
        int[] d = input.dims();
        if (d.length != 3 || d[0] != channels) {
            throw g.error("it takes [batch, " + channels + ", height, width] but receives " + input.shapeText()
                    + (d.length == 1 ? "; unflatten the input first (Unflatten(channels, height, width))" : ""));
        }
        return new int[] {d[1], d[2]};
    }

    private static void requirePositions(int oh, int ow, GraphValue input, OnnxGraphBuilder g) {
        if (oh < 1 || ow < 1) {
            throw g.error("its input " + input.shapeText() + " gives no output positions (" + oh + "x" + ow + ")");
        }
    }

    /** x, the weight and, when the layer has one, the bias. */
    private static List<String> inputs(GraphValue x, Parameter weight, Parameter bias, OnnxGraphBuilder g) {
        List<String> in = new ArrayList<>(List.of(x.name(), g.parameter("weight", weight)));
        if (bias != null) {
            in.add(g.parameter("bias", bias));
        }
        return in;
    }

    /** Conv's and ConvTranspose's attributes for PyTorch's geometry; output_padding only for the latter. */
    private static AttributeProto[] geometry(Conv2dSpec s, int kh, int kw, boolean transposed) {
        List<AttributeProto> a = new ArrayList<>(List.of(
                attribute("kernel_shape", new long[] {kh, kw}),
                attribute("strides", new long[] {s.strideH(), s.strideW()}),
                attribute("pads", new long[] {s.padH(), s.padW(), s.padH(), s.padW()}),
                attribute("dilations", new long[] {s.dilationH(), s.dilationW()}),
                attribute("group", (long) s.groups())));
        if (transposed) {
            a.add(attribute("output_padding", new long[] {s.outputPadH(), s.outputPadW()}));
        }
        return a.toArray(AttributeProto[]::new);
    }
}

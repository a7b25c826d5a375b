package dev.adversarial.gan.core.onnx;

import static dev.adversarial.gan.core.onnx.OrtRunner.attr;
import static dev.adversarial.gan.core.onnx.OrtRunner.initializer;
import static dev.adversarial.gan.core.onnx.OrtRunner.ops;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Backends;
import dev.adversarial.gan.api.Conv2dSpec;
import dev.adversarial.gan.api.Layer;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.api.Scope;
import dev.adversarial.gan.api.Tensor;
import dev.adversarial.gan.core.nn.Activation;
import dev.adversarial.gan.core.nn.BatchNorm1d;
import dev.adversarial.gan.core.nn.BatchNorm2d;
import dev.adversarial.gan.core.nn.Conv2d;
import dev.adversarial.gan.core.nn.ConvTranspose2d;
import dev.adversarial.gan.core.nn.Flatten;
import dev.adversarial.gan.core.nn.Init;
import dev.adversarial.gan.core.nn.LabelMaps;
import dev.adversarial.gan.core.nn.Linear;
import dev.adversarial.gan.core.nn.Sequential;
import dev.adversarial.gan.core.nn.Unflatten;
import dev.adversarial.gan.core.train.NoisePrior;
import dev.adversarial.gan.core.train.Sampler;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Convolutions, transposed convolutions, batch norm and the reshaping layers, exported and run
 * in ONNX Runtime against the CPU backend's forward pass (evaluation mode) to 1e-5; the
 * attributes carry the layer's geometry; shape mistakes are reported with the layer and the fix.
 * gan-examples' ConvOnnxExportEquivalenceTest runs full-size networks against every backend.
 */
class ConvOnnxExporterTest {
    private final Backend b = Backends.get("cpu");
    private final Rng rng = new Rng(23);

    /** A small DCGAN-shaped generator: Linear → BN1d → ReLU → Unflatten → ConvT → BN2d → ReLU → ConvT → Tanh. */
    private Sequential smallGenerator() {
        return new Sequential(
                new Linear(b, rng, 8, 18, Init.uniform(0.6), Init.uniform(0.5)),
                new BatchNorm1d(b, rng, 18, Init.normal(1, 0.3)),
                Activation.relu(),
                new Unflatten(2, 3, 3),
                // No bias, as before a batch norm in DCGAN: the exported Conv then has two inputs.
                new ConvTranspose2d(b, rng, 2, 4, 4, 4, Conv2dSpec.of(2, 1), Init.normal(0.3), null),
                new BatchNorm2d(b, rng, 4, Init.normal(1, 0.3)),
                Activation.relu(),
                new ConvTranspose2d(b, rng, 4, 1, 3, 3, Conv2dSpec.of(1, 1), Init.normal(0.3), Init.uniform(0.5)),
                Activation.tanh());
    }

    /**
     * A few training-mode forwards on noise centred away from 0, so that the running means and
     * variances are far from their initial 0 and 1 and a mix-up of the two would show.
     */
    private void trainRunningStatistics(Layer g, int latent) {
        g.train();
        for (int i = 0; i < 10; i++) {
            try (Scope s = Scope.open()) {
                g.forward(b.tensor(Sampler.noise(NoisePrior.normal(latent, 1.5, 2), new Rng(100 + i), 16), 16, latent));
            }
        }
        g.eval();
    }

    private static float[] floats(TensorProto t) {
        float[] v = new float[t.getRawData().size() / Float.BYTES];
        t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        return v;
    }

    @Test
    void batchNormGeneratorMatchesWithItsRunningStatistics() throws Exception {
        Sequential g = smallGenerator();
        trainRunningStatistics(g, 8);
        Map<String, Tensor> buffers = g.namedBuffers();
        assertThat(buffers.keySet()).containsExactly("1.running_mean", "1.running_var", "5.running_mean", "5.running_var");
        for (String bn : new String[] {"1", "5"}) {
            // Guards the comparison below against passing only because the statistics are still 0 and 1.
            float[] mean = buffers.get(bn + ".running_mean").toArray(), var = buffers.get(bn + ".running_var").toArray();
            assertThat(OrtRunner.maxAbsDiff(mean, new float[mean.length])).isGreaterThan(0.1f);
            assertThat(OrtRunner.maxAbsDiff(var, ones(var.length))).isGreaterThan(0.1f);
        }

        NoisePrior prior = NoisePrior.normal(8, 0, 1);
        ModelProto m = OrtRunner.assertMatchesForward(b, g, prior, new int[] {1, 6, 6}, 1, 64);
        assertThat(ops(m)).containsExactly("Gemm", "BatchNormalization", "Relu", "Reshape", "ConvTranspose",
                "BatchNormalization", "Relu", "ConvTranspose", "Tanh", "Reshape");
        // Initializers are the state-dict keys, parameters and buffers alike, holding the live values.
        g.stateDict().forEach((key, value) ->
                assertThat(floats(initializer(m, key))).as(key).containsExactly(value.toArray()));
        NodeProto bn = m.getGraph().getNode(1);
        assertThat(bn.getInputList()).containsExactly("0.gemm", "1.weight", "1.bias", "1.running_mean", "1.running_var");
        assertThat(attr(m, "BatchNormalization", "epsilon").getF()).isEqualTo(1e-5f);
        assertThat(attr(m, "BatchNormalization", "training_mode").getI()).isZero();
        assertThat(initializer(m, "3.shape").getInt64DataList()).containsExactly(0L, 2L, 3L, 3L);
        assertThat(m.getGraph().getNode(4).getInputList()).containsExactly("3.reshape", "4.weight"); // no bias
        assertThat(m.getGraph().getNode(7).getInputList()).containsExactly("6.relu", "7.weight", "7.bias");
        assertThat(attr(m, "ConvTranspose", "strides").getIntsList()).containsExactly(2L, 2L);
        assertThat(attr(m, "ConvTranspose", "pads").getIntsList()).containsExactly(1L, 1L, 1L, 1L);
        assertThat(attr(m, "ConvTranspose", "kernel_shape").getIntsList()).containsExactly(4L, 4L);
        assertThat(attr(m, "ConvTranspose", "output_padding").getIntsList()).containsExactly(0L, 0L);
        assertThat(OnnxExporter.metadata(m)).containsEntry("data_shape", "[1, 6, 6]")
                .containsEntry("output_low", "-1.0").containsEntry("output_high", "1.0");
        // A flat data shape, as the MNIST recipes declare, is the same values under another shape.
        ModelProto flat = OrtRunner.assertMatchesForward(b, g, prior, new int[] {36}, 1, 64);
        assertThat(OnnxExporter.metadata(flat)).containsEntry("data_shape", "[36]");

        // The comparison has the power to see a wrong mapping: swapping mean and variance fails it.
        float[] z = Sampler.noise(prior, new Rng(5), 4);
        float[] right = OrtRunner.run(m, z, 4).values();
        float[] swapped = OrtRunner.run(swapInitializers(m, "5.running_mean", "5.running_var"), z, 4).values();
        assertThat(OrtRunner.maxAbsDiff(right, swapped)).isGreaterThan(100 * OrtRunner.TOLERANCE);
    }

    private static float[] ones(int n) {
        float[] v = new float[n];
        Arrays.fill(v, 1f);
        return v;
    }

    private static ModelProto swapInitializers(ModelProto m, String a, String c) {
        ByteString ra = initializer(m, a).getRawData(), rc = initializer(m, c).getRawData();
        ModelProto.Builder copy = m.toBuilder();
        for (TensorProto.Builder t : copy.getGraphBuilder().getInitializerBuilderList()) {
            if (t.getName().equals(a)) {
                t.setRawData(rc);
            } else if (t.getName().equals(c)) {
                t.setRawData(ra);
            }
        }
        return copy.build();
    }

    @Test
    void groupsDilationOutputPaddingAndNonSquareKernelsBecomeAttributes() throws Exception {
        Conv2dSpec convSpec = new Conv2dSpec(2, 1, 1, 0, 1, 2, 2, 0, 0);
        Conv2dSpec transposedSpec = new Conv2dSpec(2, 3, 0, 1, 2, 1, 2, 1, 2);
        Sequential g = new Sequential(
                new Unflatten(4, 5, 7),
                new Conv2d(b, rng, 4, 6, 3, 2, convSpec, Init.normal(0.4), Init.uniform(0.5)),   // → [6, 3, 5]
                Activation.leakyRelu(0.2),
                new ConvTranspose2d(b, rng, 6, 4, 2, 3, transposedSpec, Init.normal(0.4), Init.uniform(0.5)), // → [4, 8, 15]
                new Flatten());
        ModelProto m = OrtRunner.assertMatchesForward(b, g, NoisePrior.uniform(140, -1, 1), new int[] {480}, 1, 64);
        assertThat(ops(m)).containsExactly("Reshape", "Conv", "LeakyRelu", "ConvTranspose", "Flatten", "Reshape");
        assertThat(attr(m, "Conv", "kernel_shape").getIntsList()).containsExactly(3L, 2L);
        assertThat(attr(m, "Conv", "strides").getIntsList()).containsExactly(2L, 1L);
        assertThat(attr(m, "Conv", "pads").getIntsList()).containsExactly(1L, 0L, 1L, 0L); // top, left, bottom, right
        assertThat(attr(m, "Conv", "dilations").getIntsList()).containsExactly(1L, 2L);
        assertThat(attr(m, "Conv", "group").getI()).isEqualTo(2);
        assertThat(attr(m, "ConvTranspose", "kernel_shape").getIntsList()).containsExactly(2L, 3L);
        assertThat(attr(m, "ConvTranspose", "pads").getIntsList()).containsExactly(0L, 1L, 0L, 1L);
        assertThat(attr(m, "ConvTranspose", "dilations").getIntsList()).containsExactly(2L, 1L);
        assertThat(attr(m, "ConvTranspose", "output_padding").getIntsList()).containsExactly(1L, 2L);
        assertThat(attr(m, "ConvTranspose", "group").getI()).isEqualTo(2);
        assertThat(attr(m, "Flatten", "axis").getI()).isEqualTo(1);
        assertThat(initializer(m, "1.weight").getDimsList()).containsExactly(6L, 2L, 3L, 2L); // [out, in/groups, kh, kw]
        assertThat(initializer(m, "3.weight").getDimsList()).containsExactly(6L, 2L, 2L, 3L); // [in, out/groups, kh, kw]
    }

    @Test
    void discriminatorStackWithBatchNormOverAThreeDimensionalBatchNorm1d() throws Exception {
        Sequential d = new Sequential(
                new Unflatten(1, 8, 8),
                new Conv2d(b, rng, 1, 4, 4, 4, Conv2dSpec.of(2, 1), Init.normal(0.3), Init.uniform(0.5)),  // → [4, 4, 4]
                Activation.leakyRelu(0.2),
                new Conv2d(b, rng, 4, 8, 4, 4, Conv2dSpec.of(2, 1), Init.normal(0.3), null),               // → [8, 2, 2]
                new BatchNorm2d(b, rng, 8, Init.normal(1, 0.3)),
                Activation.leakyRelu(0.2),
                new Flatten(),
                new Unflatten(8, 4),
                new BatchNorm1d(b, rng, 8, Init.normal(1, 0.3)),                                            // [N, C, L]
                new Flatten(),
                new Linear(b, rng, 32, 1, Init.uniform(0.3), Init.uniform(0.5)));
        trainRunningStatistics(d, 64);
        ModelProto m = OrtRunner.assertMatchesForward(b, d, NoisePrior.normal(64, 0, 1), new int[] {1}, 1, 64);
        assertThat(ops(m)).containsExactly("Reshape", "Conv", "LeakyRelu", "Conv", "BatchNormalization", "LeakyRelu",
                "Flatten", "Reshape", "BatchNormalization", "Flatten", "Gemm", "Reshape");
        assertThat(OnnxExporter.metadata(m)).containsEntry("output_low", "-Infinity").containsEntry("output_high", "Infinity");
    }

    /**
     * A conditional discriminator's label maps: the noise stands in for [image, label] rows (the
     * layer broadcasts whatever the label columns hold, one-hot or not), so ONNX Runtime must
     * agree with the forward pass on every channel the convolution reads.
     */
    @Test
    void labelMapsBecomeSliceReshapeExpandAndConcat() throws Exception {
        Sequential d = new Sequential(
                new LabelMaps(2, 4, 4, 3),                                                                 // → [5, 4, 4]
                new Conv2d(b, rng, 5, 2, 3, 3, Conv2dSpec.of(1, 1), Init.normal(0.4), Init.uniform(0.5)),  // → [2, 4, 4]
                Activation.leakyRelu(0.2),
                new Flatten(),
                new Linear(b, rng, 32, 1, Init.uniform(0.3), Init.uniform(0.5)));
        ModelProto m = OrtRunner.assertMatchesForward(b, d, NoisePrior.normal(2 * 16 + 3, 0, 1), new int[] {1}, 1, 64);
        assertThat(ops(m)).containsExactly("Slice", "Reshape", "Slice", "Reshape", "Expand", "Concat", "Conv", "LeakyRelu",
                "Flatten", "Gemm", "Reshape");
        assertThat(initializer(m, "0.image_shape").getInt64DataList()).containsExactly(0L, 2L, 4L, 4L);
        assertThat(initializer(m, "0.label_start").getInt64DataList()).containsExactly(32L);
        assertThat(attr(m, "Concat", "axis").getI()).isEqualTo(1);
        assertThatThrownBy(() -> export(new Sequential(new LabelMaps(2, 4, 4, 3)), NoisePrior.normal(32, 0, 1), 80))
                .hasMessageContaining("layer '0' (" + LabelMaps.class.getName() + ")")
                .hasMessageContaining("takes [batch, 35] (32 image values, then 3 one-hot label columns) but receives"
                        + " [batch, 32]");
    }

    @Test
    void reshapingKeepsTheRangeAndConvolutionsForgetIt() {
        NoisePrior unit = NoisePrior.uniform(4, 0, 1);
        ModelProto kept = new OnnxExporter().exportGenerator(new Sequential(new Unflatten(1, 2, 2), new Flatten(),
                new Flatten()), unit, new int[] {4}, Map.of());
        // The second Flatten sees [batch, 4], which it returns as it is: no node.
        assertThat(ops(kept)).containsExactly("Reshape", "Flatten", "Reshape");
        assertThat(OnnxExporter.metadata(kept)).containsEntry("output_low", "0.0").containsEntry("output_high", "1.0");
        Conv2d conv = new Conv2d(b, rng, 1, 2, 2, Conv2dSpec.of(1, 0));
        ModelProto relu = new OnnxExporter().exportGenerator(new Sequential(new Unflatten(1, 2, 2), conv,
                Activation.relu()), unit, new int[] {2}, Map.of());
        assertThat(OnnxExporter.metadata(relu)).containsEntry("output_low", "0.0").containsEntry("output_high", "Infinity");
    }

    @Test
    void shapeMistakesNameTheLayerAndTheFix() {
        NoisePrior prior = NoisePrior.normal(18, 0, 1);
        Conv2d conv = new Conv2d(b, rng, 2, 4, 3, Conv2dSpec.defaults());
        assertThatThrownBy(() -> export(new Sequential(conv), prior, 4))
                .hasMessageContaining("layer '0' (" + Conv2d.class.getName() + ")")
                .hasMessageContaining("takes [batch, 2, height, width] but receives [batch, 18]; unflatten the input first");
        Linear linear = new Linear(b, rng, 4, 1, Init.uniform(0.1), Init.zeros());
        assertThatThrownBy(() -> export(new Sequential(new Unflatten(2, 3, 3), conv, linear), prior, 1))
                .hasMessageContaining("layer '2' (" + Linear.class.getName() + ")")
                .hasMessageContaining("receives [batch, 4, 1, 1]; flatten the input first");
        assertThatThrownBy(() -> export(new Sequential(new BatchNorm2d(b, 3)), prior, 18))
                .hasMessageContaining("normalizes [batch, 3, height, width] but receives [batch, 18]");
        assertThatThrownBy(() -> export(new Sequential(new BatchNorm1d(b, 3), new Unflatten(3, 6)), prior, 18))
                .hasMessageContaining("layer '0' (" + BatchNorm1d.class.getName() + ")")
                .hasMessageContaining("normalizes [batch, 3] or [batch, 3, length] but receives [batch, 18]");
        assertThatThrownBy(() -> export(new Sequential(new Unflatten(2, 2, 2, 2), new Unflatten(16)), prior, 16))
                .hasMessageContaining("layer '0' (" + Unflatten.class.getName() + ")")
                .hasMessageContaining("reshapes [batch, 16] but receives [batch, 18]");
        Conv2d wide = new Conv2d(b, rng, 2, 4, 5, Conv2dSpec.defaults());
        assertThatThrownBy(() -> export(new Sequential(new Unflatten(2, 3, 3), wide), prior, 4))
                .hasMessageContaining("gives no output positions (-1x-1)");
    }

    private static ModelProto export(Layer g, NoisePrior prior, int dataSize) {
        return new OnnxExporter().exportGenerator(g, prior, new int[] {dataSize}, Map.of());
    }
}

package dev.adversarial.gan.core.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import dev.adversarial.gan.api.Backends;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.core.nn.Activation;
import dev.adversarial.gan.core.nn.Init;
import dev.adversarial.gan.core.nn.Maxout;
import dev.adversarial.gan.core.nn.Sequential;
import dev.adversarial.gan.core.train.NoisePrior;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The structural check accepts what the exporter writes and names each kind of breakage. */
class OnnxModelCheckTest {
    private final ModelProto valid = new OnnxExporter().exportGenerator(
            new Sequential(new Maxout(Backends.get("cpu"), new Rng(1), 3, 2, 2, Init.uniform(0.1), Init.zeros()),
                    Activation.sigmoid()),
            NoisePrior.uniform(3, -1, 1), new int[] {2}, Map.of());

    private ModelProto withGraph(UnaryOperator<GraphProto.Builder> change) {
        return valid.toBuilder().setGraph(change.apply(valid.getGraph().toBuilder())).build();
    }

    @Test
    void theExportersOutputIsSound() {
        assertThat(OnnxModelCheck.problems(valid)).isEmpty();
    }

    @Test
    void aMissingOpsetOrIrVersionIsReported() {
        assertThat(OnnxModelCheck.problems(valid.toBuilder().clearOpsetImport().build()))
                .anySatisfy(p -> assertThat(p).contains("no opset is declared for the default ONNX domain"));
        assertThat(OnnxModelCheck.problems(valid.toBuilder().clearIrVersion().build()))
                .containsExactly("ir_version is not set");
    }

    @Test
    void aNodeReadingAnUndefinedNameIsReported() {
        ModelProto broken = withGraph(g -> g.setNode(1, g.getNode(1).toBuilder().setInput(0, "nowhere")));
        assertThat(OnnxModelCheck.problems(broken)).containsExactly("node 1 '0.pieces' (Reshape) reads 'nowhere', which is"
                + " not a graph input, an initializer or an output of an earlier node");
    }

    @Test
    void nodesOutOfOrderAreReported() {
        ModelProto swapped = withGraph(g -> {
            NodeProto first = g.getNode(0);
            return g.setNode(0, g.getNode(1)).setNode(1, first);
        });
        assertThat(OnnxModelCheck.problems(swapped)).anySatisfy(p -> assertThat(p).contains("reads '0.linear.gemm'"));
    }

    @Test
    void aNameDefinedTwiceIsReported() {
        ModelProto dup = withGraph(g -> g.setNode(2, g.getNode(2).toBuilder().setOutput(0, "0.linear.gemm")));
        assertThat(OnnxModelCheck.problems(dup)).anySatisfy(p -> assertThat(p)
                .contains("defines '0.linear.gemm', which node 0 '0.linear.gemm' (Gemm) already defines"));
        ModelProto shadow = withGraph(g -> g.setNode(0, g.getNode(0).toBuilder().setOutput(0, "z")));
        assertThat(OnnxModelCheck.problems(shadow)).anySatisfy(p -> assertThat(p).contains("which graph input already defines"));
    }

    @Test
    void anUndefinedGraphOutputIsReported() {
        ModelProto broken = withGraph(g -> g.addOutput(ValueInfoProto.newBuilder().setName("y")
                .setType(g.getOutput(0).getType())));
        assertThat(OnnxModelCheck.problems(broken))
                .containsExactly("graph output 'y' is not defined by any node, input or initializer");
        assertThat(OnnxModelCheck.problems(withGraph(GraphProto.Builder::clearOutput))).containsExactly("the graph has no outputs");
    }

    @Test
    void anInitializerWithTheWrongAmountOfDataIsReported() {
        ModelProto broken = withGraph(g -> g.setInitializer(0, g.getInitializer(0).toBuilder()
                .setRawData(ByteString.copyFrom(new byte[12]))));
        assertThat(OnnxModelCheck.problems(broken))
                .containsExactly("initializer '0.linear.weight' has dimensions [4, 3] (12 values) but holds 3 values");
        assertThatThrownBy(() -> OnnxModelCheck.requireValid(broken)).hasMessageStartingWith("The ONNX model is malformed: ");
    }
}

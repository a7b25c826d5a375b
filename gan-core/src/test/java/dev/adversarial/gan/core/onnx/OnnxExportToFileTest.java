package dev.adversarial.gan.core.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Backends;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.core.GanVersion;
import dev.adversarial.gan.core.nn.Activation;
import dev.adversarial.gan.core.nn.Init;
import dev.adversarial.gan.core.nn.Linear;
import dev.adversarial.gan.core.nn.Sequential;
import dev.adversarial.gan.core.train.GanModel;
import dev.adversarial.gan.core.train.NoisePrior;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One call writes a generator to a file with its version recorded, and says what it wrote in plain types. */
class OnnxExportToFileTest {
    private final Backend b = Backends.get("cpu");

    private GanModel model() {
        Rng rng = new Rng(1);
        Sequential g = new Sequential(new Linear(b, rng, 3, 6, Init.uniform(0.5), Init.zeros()), Activation.sigmoid());
        Sequential d = new Sequential(new Linear(b, rng, 6, 1, Init.uniform(0.5), Init.zeros()));
        return new GanModel(g, d, NoisePrior.uniform(3, -1, 1), new int[] {2, 3});
    }

    @Test
    void exportGeneratorToAFileFillsInTheVersionAndDescribesTheGraph(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("nested/g.onnx");
        ExportedGenerator out = new OnnxExporter().exportGenerator(model(), file, Map.of(GeneratorMetadata.RECIPE, "unit"));

        assertThat(out.file()).isEqualTo(file);
        assertThat(out.bytes()).isEqualTo(Files.size(file));
        assertThat(out.opset()).isEqualTo(OnnxExporter.OPSET);
        assertThat(out.irVersion()).isEqualTo(OnnxExporter.IR_VERSION);
        assertThat(out.inputs()).containsExactly(new ExportedGenerator.Port("z", "float", List.of("batch", "3")));
        assertThat(out.outputs()).containsExactly(new ExportedGenerator.Port("x", "float", List.of("batch", "2", "3")));
        assertThat(out.inputs().get(0)).hasToString("z float [batch, 3]");
        // Maven filters the library's version into gan-core; a test run is always a Maven build.
        assertThat(GanVersion.version()).isNotEqualTo("unknown").doesNotStartWith("${");
        assertThat(out.metadata()).containsEntry(GeneratorMetadata.GAN_VERSION, GanVersion.version())
                .containsEntry(GeneratorMetadata.RECIPE, "unit").containsEntry("latent_size", "3");

        ModelProto read = OnnxExporter.read(file);
        assertThat(OnnxExporter.metadata(read)).isEqualTo(out.metadata());
        assertThat(read.getProducerVersion()).isEqualTo(GanVersion.version());
        try (var files = Files.list(file.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("g.onnx"); // written atomically
        }
    }

    @Test
    void aCallersVersionWinsAndTheTwoArgumentFormNeedsNoMetadata(@TempDir Path dir) throws Exception {
        ExportedGenerator plain = new OnnxExporter().exportGenerator(model(), dir.resolve("a.onnx"));
        assertThat(plain.metadata()).containsEntry(GeneratorMetadata.GAN_VERSION, GanVersion.version());
        ExportedGenerator pinned = new OnnxExporter().exportGenerator(model(), dir.resolve("b.onnx"),
                Map.of(GeneratorMetadata.GAN_VERSION, "9.9"));
        assertThat(pinned.metadata()).containsEntry(GeneratorMetadata.GAN_VERSION, "9.9");
    }
}

package dev.adversarial.gan.cli;

import static dev.adversarial.gan.cli.CliEndToEndTest.gan;
import static org.assertj.core.api.Assertions.assertThat;

import dev.adversarial.gan.cli.CliEndToEndTest.Result;
import dev.adversarial.gan.core.checkpoint.Checkpoint;
import dev.adversarial.gan.core.checkpoint.CheckpointFormat;
import dev.adversarial.gan.core.onnx.GeneratorMetadata;
import dev.adversarial.gan.core.onnx.OnnxExporter;
import dev.adversarial.gan.core.provenance.Provenance;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The provenance a run records is one record: run.json, the checkpoint and the exported ONNX file
 * read back to equal {@link Provenance} values. And a run whose checkpoint was written in the
 * previous format (gan-checkpoint/2, a fixture made by `gan train --recipe toy-1d --epochs 1`
 * before the format changed) still samples and resumes, and is re-saved in the current format.
 */
class ProvenanceRoundTripTest {
    @TempDir
    Path tmp;

    @Test
    void runJsonCheckpointAndOnnxMetadataAgree() throws Exception {
        Path run = tmp.resolve("run");
        Result r = gan("train", "--recipe", "toy-1d", "--epochs", "1", "--seed", "9", "--backend", "cpu", "--set",
                "data.size=1000", "--set", "batch=100", "--out", run.toString());
        assertThat(r.code()).as(r.err()).isZero();
        Provenance recorded = RunRecord.read(run).provenance();
        assertThat(recorded.recipe()).isEqualTo("toy-1d");
        assertThat(recorded.seed()).isEqualTo(9);
        assertThat(recorded.backend()).isEqualTo("cpu");
        assertThat(recorded.device()).isEqualTo("cpu");
        assertThat(recorded.kernel()).isNotBlank();
        assertThat(recorded.settings()).containsEntry("data.size", "1000").containsEntry("batch", "100");
        assertThat(recorded.versions().gan()).isEqualTo(Versions.project());
        assertThat(recorded.versions().djl()).as("djl is not used on the cpu backend").isNull();

        Path latest = run.resolve("checkpoints/latest");
        Checkpoint c = CheckpointFormat.read(latest);
        assertThat(c.require("format")).isEqualTo(CheckpointFormat.FORMAT);
        assertThat(c.integers()).containsKey(Checkpoint.RNG_STATE);
        assertThat(Provenance.fromMetadata(c.metadata(), latest.toString())).isEqualTo(recorded);

        Path onnx = tmp.resolve("g.onnx");
        Result export = gan("export", "--checkpoint", latest.toString(), "--out", onnx.toString(), "--backend", "cpu");
        assertThat(export.code()).as(export.err()).isZero();
        GeneratorMetadata meta = GeneratorMetadata.fromMap(OnnxExporter.metadata(OnnxExporter.read(onnx)));
        assertThat(meta.trainingProvenance()).isEqualTo(recorded);
    }

    @Test
    void aRunCheckpointedInThePreviousFormatSamplesAndResumes() throws Exception {
        Path run = tmp.resolve("old-run");
        copyFixture("run.json", run);
        copyFixture("checkpoints/latest", run);
        Path latest = run.resolve("checkpoints/latest");
        Checkpoint old = CheckpointFormat.read(latest);
        assertThat(old.require("format")).isEqualTo("gan-checkpoint/2");
        assertThat(old.requireIntegers(Checkpoint.RNG_STATE)).hasSize(4);
        assertThat(Provenance.settingsFrom(old.metadata())).containsEntry("data.size", "60000");

        Result sample = gan("sample", "--checkpoint", latest.toString(), "--n", "5", "--out",
                tmp.resolve("s.npy").toString());
        assertThat(sample.code()).as(sample.err()).isZero();

        Result resumed = gan("train", "--resume", run.toString(), "--epochs", "2");
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("Resuming after epoch 1");
        Checkpoint now = CheckpointFormat.read(latest);
        assertThat(now.require("format")).isEqualTo(CheckpointFormat.FORMAT);
        assertThat(now.requireInt("epoch")).isEqualTo(2);
        assertThat(Provenance.fromMetadata(now.metadata(), latest.toString()))
                .isEqualTo(RunRecord.read(run).provenance());
    }

    private static void copyFixture(String name, Path runDir) throws IOException {
        Path to = runDir.resolve(name);
        Files.createDirectories(to.getParent());
        try (InputStream in = ProvenanceRoundTripTest.class.getResourceAsStream("/checkpoints/toy-1d-format-2/" + name)) {
            assertThat(in).as("test fixture " + name).isNotNull();
            Files.copy(in, to);
        }
    }
}

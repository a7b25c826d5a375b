package dev.adversarial.gan.cli;

import static dev.adversarial.gan.cli.CliEndToEndTest.gan;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.adversarial.gan.cli.CliEndToEndTest.Result;
import dev.adversarial.gan.core.checkpoint.CheckpointFormat;
import dev.adversarial.gan.core.io.Npy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad inputs and faults from issue 29, each as a user meets it on the command line, with the
 * one sentence they now get (docs/RELIABILITY.md lists them). Runs on toy-1d in seconds.
 */
class ReliabilityCliTest {
    /** A toy-1d run of 10 iterations per epoch. */
    static final String[] SMALL = {"--set", "data.size=2000", "--set", "batch=200", "--set", "checkpoint.every=2", "--set", "k=1"};

    @TempDir
    Path tmp;

    private static Result train(Path out, int epochs, String... more) {
        String[] base = {"train", "--recipe", "toy-1d", "--epochs", Integer.toString(epochs), "--seed", "3", "--out",
            out.toString()};
        String[] args = Stream.of(base, SMALL, more).flatMap(Arrays::stream).toArray(String[]::new);
        return gan(args);
    }

    private static void assertOneSentence(Result r) {
        assertThat(r.code()).as(r.out() + r.err()).isNotZero();
        assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Exception:").doesNotContain("Guice");
    }

    @Test
    void aRunWithNoCheckpointYetIsNoDeadEnd() throws IOException {
        Path run = tmp.resolve("run");
        assertThat(train(run, 1).code()).isZero();
        // What a SIGKILL or a full disk in epoch 1 leaves: run.json and metrics, no checkpoint.
        deleteTree(run.resolve("checkpoints"));
        Result resumed = gan("train", "--resume", run.toString());
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("has no checkpoint yet").contains("starts again from the beginning");
        assertThat(run.resolve("checkpoints/latest")).isRegularFile();

        deleteTree(run.resolve("checkpoints"));
        Result again = train(run, 1);
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).contains("stopped before its first checkpoint; starting over");

        Result third = train(run, 1);
        assertOneSentence(third);
        assertThat(third.err()).contains("already holds a run with checkpoints").contains("--resume " + run);
    }

    @Test
    void aDamagedLatestFallsBackToTheNewestIntactCheckpointAndSaysSo() throws IOException {
        Path run = tmp.resolve("run");
        assertThat(train(run, 4).code()).isZero();
        Path latest = run.resolve("checkpoints/latest");
        byte[] b = Files.readAllBytes(latest);
        b[b.length / 2] ^= 1;
        Files.write(latest, b);
        Files.write(run.resolve("checkpoints/.latest.4242.tmp"), new byte[1000]); // a write cut short by a kill

        Result r = gan("train", "--resume", run.toString(), "--epochs", "5");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("skipped unreadable latest").contains("epoch-004, the newest intact checkpoint")
                .contains("Resuming after epoch 4").contains("Removed 1 unfinished temporary file (0.0 MB)");
        assertThat(run.resolve("checkpoints/.latest.4242.tmp")).doesNotExist();
        assertThat(CheckpointFormat.read(latest).require("epoch")).isEqualTo("5");
        assertThat(Files.readAllLines(run.resolve("metrics.csv"))).hasSize(1 + 5 * 10);
    }

    @Test
    void everyCheckpointDamagedIsOneSentenceNamingThem() throws IOException {
        Path run = tmp.resolve("run");
        assertThat(train(run, 2).code()).isZero();
        for (String f : List.of("latest", "epoch-002")) {
            Files.write(run.resolve("checkpoints").resolve(f), new byte[] {1, 2, 3});
        }
        Result r = gan("train", "--resume", run.toString(), "--epochs", "3");
        assertOneSentence(r);
        assertThat(r.err()).contains("No checkpoint in").contains("latest (").contains("epoch-002 (")
                .contains("--out NEW_DIR");
    }

    @Test
    void aLockedRunDirectoryIsRefusedAndAStaleLockTakenOver() throws IOException {
        Path run = tmp.resolve("run");
        try (RunLock held = RunLock.acquire(run, "a test standing in for another gan train")) {
            Result r = train(run, 1);
            assertOneSentence(r);
            assertThat(r.err()).contains(run + " is in use by another `gan train`").contains("a test standing in");
        }
        // A lock file left by a process that died (SIGKILL leaves it): nobody holds its lock.
        Process dead = new ProcessBuilder("true").start();
        waitFor(dead);
        Files.writeString(run.resolve(RunLock.FILE), "process " + dead.pid() + ", training toy-1d, since yesterday");
        Result r = train(run, 1);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("was left by process " + dead.pid()).contains("taking it over");
        assertThat(Files.readString(run.resolve(RunLock.FILE))).isEmpty();
    }

    @Test
    void pathsOfTheWrongKindGetTheirOptionNamed() throws IOException {
        Path file = Files.writeString(tmp.resolve("notes.txt"), "x");
        Result out = train(file, 1);
        assertOneSentence(out);
        assertThat(out.err()).contains("--out " + file + " is a file");

        Path run = tmp.resolve("run");
        assertThat(train(run, 1).code()).isZero();
        for (Path dir : List.of(run, run.resolve("checkpoints"))) {
            Result r = gan("sample", "--checkpoint", dir.toString(), "--out", tmp.resolve("s.npy").toString());
            assertOneSentence(r);
            assertThat(r.err()).contains(dir + " is a directory").contains(run.resolve("checkpoints/latest").toString());
        }
        Path existing = Files.createDirectories(tmp.resolve("exports"));
        Result export = gan("export", "--checkpoint", run.resolve("checkpoints/latest").toString(), "--out",
                existing.toString());
        assertOneSentence(export);
        assertThat(export.err()).contains("--out " + existing + " is a directory").contains("g.onnx");
    }

    @Test
    void backendAndDeviceMistakesNameTheOptionWithoutAGuiceDump() {
        Result unknown = train(tmp.resolve("a"), 1, "--backend", "nosuch");
        assertOneSentence(unknown);
        assertThat(unknown.err()).contains("Unknown backend --backend nosuch").contains("cpu").contains("djl")
                .doesNotContain("-Dgan.backend").doesNotContain("provision");
        assertThat(unknown.err().lines().count()).isLessThanOrEqualTo(2);

        Result gpuOnCpu = train(tmp.resolve("b"), 1, "--backend", "cpu", "--device", "gpu");
        assertOneSentence(gpuOnCpu);
        assertThat(gpuOnCpu.err()).contains("--device gpu").contains("cpu backend").contains("--backend djl");
        assertThat(tmp.resolve("b")).doesNotExist();
    }

    @Test
    void aDjlDeviceFailureSpeaksOfTheDeviceOption() {
        Result r = train(tmp.resolve("c"), 1, "--backend", "djl", "--device", "gpu");
        if (r.code() == 0) {
            return; // this machine has a GPU that DJL can use: nothing to refuse
        }
        assertOneSentence(r);
        // A fresh JVM (the command line) starts DJL here and it fails; in a test JVM where another test
        // already started DJL on the CPU, the started backend is reused and refused for --device gpu.
        assertThat(r.err()).containsAnyOf("Backend --backend djl could not start", "the djl backend runs on cpu")
                .contains("--device gpu").doesNotContain("-Dgan.djl.device").doesNotContain("provision");
    }

    @Test
    void settingsAreCheckedAgainstTheirMeaning() {
        Result lr = train(tmp.resolve("a"), 1, "--set", "lr=-1");
        assertOneSentence(lr);
        assertThat(lr.err()).contains("Setting 'lr' of recipe 'toy-1d' is a learning rate and must be a positive number,"
                + " got '-1'");
        Result keep = gan("train", "--recipe", "paper-mnist", "--out", tmp.resolve("b").toString(), "--set",
                "d.input.keep=1.5");
        assertOneSentence(keep);
        assertThat(keep.err()).contains("'d.input.keep'").contains("in (0, 1]");
        Result beta = train(tmp.resolve("c"), 1, "--set", "beta1=1");
        assertThat(beta.err()).contains("'beta1'").contains("in [0, 1)");
        Result batch = train(tmp.resolve("d"), 1, "--set", "batch=0");
        assertThat(batch.err()).contains("'batch'").contains("positive whole number");
        // Every recipe's own defaults pass the rules (a new recipe whose names mean something else would not).
        Wiring.injector().getInstance(Recipes.class).all().values().forEach(recipe -> recipe.settings(java.util.Map.of()));
    }

    @Test
    void noiseFilesAreCheckedForRowsAndFiniteValues() throws IOException {
        Path run = tmp.resolve("run");
        assertThat(train(run, 1).code()).isZero();
        String ckpt = run.resolve("checkpoints/latest").toString();
        Path z = tmp.resolve("z.npy");
        float[] noise = new float[10];
        Npy.write(z, new int[] {10, 1}, noise);
        Result rows = gan("sample", "--checkpoint", ckpt, "--z", z.toString(), "--n", "5", "--out",
                tmp.resolve("s.npy").toString());
        assertThat(rows.code()).isNotZero();
        assertThat(rows.err()).contains("--n 5 disagrees with --z " + z + ", which holds 10 noise vectors");
        assertThat(tmp.resolve("s.npy")).doesNotExist();

        noise[7] = Float.NaN;
        Npy.write(z, new int[] {10, 1}, noise);
        Result nan = gan("sample", "--checkpoint", ckpt, "--z", z.toString(), "--out", tmp.resolve("s.npy").toString());
        assertOneSentence(nan);
        assertThat(nan.err()).contains(z + " holds NaN at row 7");
    }

    @Test
    void samplesOffThePixelScaleAreNotScored() {
        float[] bytes = {0, 12, 255, 3};
        EvaluationInputs.Samples s = new EvaluationInputs.Samples(bytes, 2, 2, "s.npy");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EvaluationInputs.checkRange(s, "mnist-train"))
                .hasMessageContaining("The samples (s.npy) range from 0.0 to 255.0, but mnist-train pixels lie in [0, 1]")
                .hasMessageContaining("divide them by 255");
        EvaluationInputs.Samples nan = new EvaluationInputs.Samples(new float[] {0, Float.NaN}, 1, 2, "t.npy");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EvaluationInputs.checkRange(nan, "mnist-train"))
                .hasMessageContaining("hold NaN at row 0");
        EvaluationInputs.checkRange(new EvaluationInputs.Samples(new float[] {0, 1, 0.5f, 1.0001f}, 2, 2, "ok"), "m");
    }

    @Test
    void aResumedToyRunKeepsTheFigurePanelsDrawnBeforeIt() throws IOException {
        Path run = tmp.resolve("run");
        assertThat(train(run, 3).code()).isZero();
        Result r = gan("train", "--resume", run.toString(), "--epochs", "6");
        assertThat(r.code()).as(r.err()).isZero();
        // The moments of a 6-epoch run are epochs 1, 2, 4 and 6; 1 and 2 were drawn before the resume.
        List<String> labels = new ArrayList<>();
        new ObjectMapper().readTree(run.resolve("figure-1.png.panels.json").toFile())
                .forEach(p -> labels.add(p.get("label").asText()));
        assertThat(labels).containsExactly("epoch 1", "epoch 2", "epoch 4", "epoch 6");
    }

    @Test
    void adamRunsPrintNoMomentumColumn() throws IOException {
        Result r = train(tmp.resolve("run"), 1);
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("epoch   1/1").doesNotContain("momentum NaN");
        assertThat(new ObjectMapper().readTree(tmp.resolve("run/run.json").toFile()).get("status").asText())
                .isEqualTo("finished");
    }

    @Test
    void aWrapperThatAddsContextKeepsIt() {
        IOException root = new IOException("Could not write /r/samples/epoch-001.png: No space left on device");
        assertThat(Main.describe(new java.io.UncheckedIOException("Could not write samples to /r/samples: x", root)))
                .startsWith("Could not write samples to /r/samples");
        assertThat(Main.describe(new java.io.UncheckedIOException(root))).isEqualTo(root.getMessage());
        assertThat(Main.describe(new java.nio.file.FileAlreadyExistsException("runs/x"))).isEqualTo("runs/x: already"
                + " exists (and is in the way)");
    }

    private static void waitFor(Process p) {
        try {
            p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path f : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}

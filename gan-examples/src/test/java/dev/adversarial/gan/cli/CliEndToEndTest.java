package dev.adversarial.gan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.adversarial.gan.core.io.Npy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The `gan` command as a user runs it, on the toy-1d recipe (seconds, no network). */
class CliEndToEndTest {
    @TempDir
    Path tmp;

    /** Exit code plus what the command printed. */
    record Result(int code, String out, String err) {
    }

    static Result gan(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = Main.run(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void trainResumeAndSample() throws IOException {
        Path run = tmp.resolve("run");
        Result r = gan("train", "--recipe", "toy-1d", "--epochs", "3", "--seed", "5", "--out", run.toString(),
                "--set", "data.size=2000", "--set", "checkpoint.every=2", "--set", "k=1", "--set", "noise=uniform",
                "--set", "batch=200");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Finished 3 epochs").contains("checkpoints/latest");
        for (String f : new String[] {"metrics.csv", "loss.png", "figure-1.png", "run.json", "checkpoints/latest",
                "checkpoints/epoch-002"}) {
            assertThat(run.resolve(f)).as(f).isRegularFile();
        }
        assertThat(Files.readAllLines(run.resolve("metrics.csv"))).hasSize(1 + 3 * 10);
        JsonNode info = new ObjectMapper().readTree(run.resolve("run.json").toFile());
        assertThat(info.get("status").asText()).isEqualTo("finished");
        assertThat(info.get("recipe").asText()).isEqualTo("toy-1d");
        assertThat(info.get("settings").get("data.size").asText()).isEqualTo("2000");
        assertThat(info.get("backend").asText()).isEqualTo("cpu");
        assertThat(info.get("versions").get("java").asText()).isNotBlank();
        assertThat(info.has("started") && info.has("finished")).isTrue();

        Result resumed = gan("train", "--resume", run.toString(), "--epochs", "4");
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("Resuming after epoch 3");
        assertThat(Files.readAllLines(run.resolve("metrics.csv"))).hasSize(1 + 4 * 10);
        JsonNode after = new ObjectMapper().readTree(run.resolve("run.json").toFile());
        assertThat(after.get("started").asText()).as("first start kept").isEqualTo(info.get("started").asText());
        assertThat(after.get("resumed_at_epoch").asInt()).isEqualTo(3);
        assertThat(after.has("resumed")).isTrue();

        Path s1 = tmp.resolve("s1.npy"), s2 = tmp.resolve("s2.npy"), z = tmp.resolve("z.npy");
        assertThat(gan("sample", "--checkpoint", run.resolve("checkpoints/latest").toString(), "--n", "300",
                "--seed", "9", "--out", s1.toString()).code()).isZero();
        Npy.Array a = Npy.read(s1);
        assertThat(a.shape()).containsExactly(300, 1);
        float[] noise = new float[300];
        new dev.adversarial.gan.api.Rng(9).fillUniform(noise, -1, 1);
        Npy.write(z, new int[] {300, 1}, noise);
        assertThat(gan("sample", "--checkpoint", run.resolve("checkpoints/latest").toString(), "--z", z.toString(),
                "--out", s2.toString()).code()).isZero();
        assertThat(Npy.read(s2).values()).containsExactly(a.values());
    }

    @Test
    void mistakesGetOneClearSentence() throws IOException {
        Result unknown = gan("train", "--recipe", "nope", "--out", tmp.resolve("x").toString());
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).contains("Unknown recipe 'nope'").contains("paper-mnist").contains("toy-1d")
                .doesNotContain("at dev.adversarial");

        Result badSetting = gan("train", "--recipe", "toy-1d", "--set", "lr=fast", "--out", tmp.resolve("y").toString());
        assertThat(badSetting.err()).contains("Setting 'lr'").contains("must be a positive number");

        Result unknownSetting = gan("train", "--recipe", "toy-1d", "--set", "learning_rate=1");
        assertThat(unknownSetting.err()).contains("has no setting 'learning_rate'").contains("lr");

        Result noRun = gan("train", "--resume", tmp.resolve("missing").toString());
        assertThat(noRun.err()).contains("not a run directory");

        Result noCheckpoint = gan("sample", "--checkpoint", tmp.resolve("nothing").toString(), "--out", tmp.resolve("o.npy").toString());
        assertThat(noCheckpoint.err()).contains("No checkpoint at");

        Path run = tmp.resolve("twice");
        assertThat(gan("train", "--recipe", "toy-1d", "--epochs", "1", "--out", run.toString(), "--set", "data.size=600",
                "--set", "batch=200").code()).isZero();
        Result again = gan("train", "--recipe", "toy-1d", "--epochs", "1", "--out", run.toString());
        assertThat(again.err()).contains("already holds a run").contains("--resume");
    }
}

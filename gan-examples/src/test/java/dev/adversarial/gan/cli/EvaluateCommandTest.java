package dev.adversarial.gan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.core.data.ArrayDataset;
import dev.adversarial.gan.core.data.Mixture2D;
import dev.adversarial.gan.core.io.Npy;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evaluate commands that need no downloaded data: mode coverage and the argument checks. */
class EvaluateCommandTest {
    @TempDir
    Path dir;

    /** Runs the gan command line in-process and captures what it prints. */
    record Cli(int exitCode, String out, String err) {
        static synchronized Cli run(String... args) {
            PrintStream oldOut = System.out, oldErr = System.err;
            ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
            try {
                System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
                System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
                int code = Main.run(args);
                return new Cli(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
            } finally {
                System.setOut(oldOut);
                System.setErr(oldErr);
            }
        }
    }

    @Test
    void modesOfTheRingItselfAreAllCoveredAndWrittenAsJson() throws Exception {
        Path json = dir.resolve("modes.json");
        Cli r = Cli.run("evaluate", "modes", "--real", "--mixture", "ring", "--json", json.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("8 of 8 modes covered");
        JsonNode j = new ObjectMapper().readTree(json.toFile());
        assertThat(j.get("modes_covered").asInt()).isEqualTo(8);
        assertThat(j.get("samples").asInt()).isEqualTo(2500);
        assertThat(j.get("high_quality_share").asDouble()).isBetween(0.97, 1.0);
    }

    @Test
    void modesOfANpyFileWithAMissingMode() throws Exception {
        // Grid samples with every point of mode 0 moved to mode 1.
        Mixture2D grid = Mixture2D.grid();
        ArrayDataset d = grid.sample(new Rng(1), 2500);
        float[] v = d.values().clone();
        double[][] modes = grid.modes();
        for (int i = 0; i < d.size(); i++) {
            if (d.label(i) == 0) {
                v[2 * i] += (float) (modes[1][0] - modes[0][0]);
                v[2 * i + 1] += (float) (modes[1][1] - modes[0][1]);
            }
        }
        Path npy = dir.resolve("points.npy");
        Npy.write(npy, new int[] {d.size(), 2}, v);
        Cli r = Cli.run("evaluate", "modes", "--samples", npy.toString(), "--mixture", "grid");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("24 of 25 modes covered");
    }

    @Test
    void errorsSayWhatWasWrongAndHowToFixIt() throws Exception {
        Cli none = Cli.run("evaluate", "parzen", "--dataset", "mnist");
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.err()).contains("Say which samples to evaluate").contains("--samples FILE.npy");

        Cli testAsSamples = Cli.run("evaluate", "parzen", "--real-test", "--dataset", "mnist");
        assertThat(testAsSamples.exitCode()).isEqualTo(1);
        assertThat(testAsSamples.err()).contains("use --real-samples train");

        Path npy = dir.resolve("s.npy");
        Npy.write(npy, new int[] {2, 3}, new float[6]);
        Cli unknown = Cli.run("evaluate", "fid", "--samples", npy.toString(), "--dataset", "cifar");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("Unknown data set 'cifar'; choose mnist or fashion-mnist");

        Cli wrongShape = Cli.run("evaluate", "modes", "--samples", npy.toString(), "--mixture", "ring");
        assertThat(wrongShape.err()).contains("needs points of shape [N, 2]");

        Cli bare = Cli.run("evaluate");
        assertThat(bare.exitCode()).isEqualTo(2);
        assertThat(bare.err()).contains("Name what to evaluate");
    }

    @Test
    void curveTabulatesResultsByEpochAndDrawsThem() throws Exception {
        Path eval = Files.createDirectories(dir.resolve("eval"));
        Files.writeString(eval.resolve("parzen-010.json"), """
                {"metric": "parzen", "samples_source": "runs/r/checkpoints/epoch-010 (epoch 10, seed 0)",
                 "sigma": 0.2, "mean": 150.25, "standard_error": 2.0}""");
        Files.writeString(eval.resolve("parzen-005.json"), """
                {"metric": "parzen", "samples_source": "runs/r/checkpoints/epoch-005 (epoch 5, seed 0)",
                 "sigma": 0.3, "mean": -12.0, "standard_error": 1.5}""");
        Files.writeString(eval.resolve("all-010.json"), """
                {"metric": "all", "samples_source": "runs/r/checkpoints/epoch-010 (epoch 10, seed 0)",
                 "fid": 3.5, "kid": 0.02, "classifier_score": 8.1, "precision": 0.7, "recall": 0.75}""");
        Files.writeString(eval.resolve("real.json"), """
                {"metric": "parzen", "samples_source": "real training images", "mean": 240, "standard_error": 2}""");
        Path png = dir.resolve("curve.png");

        Cli r = Cli.run("evaluate", "curve", "--dir", eval.toString(), "--out", png.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        String[] rows = r.out().lines().filter(l -> l.startsWith("| ") && !l.startsWith("| epoch")).toArray(String[]::new);
        assertThat(rows).containsExactly("| 5 | -12.0 ± 1.5 | 0.300 |  |  |  |  |  |",
                "| 10 | 150.3 ± 2.0 | 0.200 | 3.50 | 0.020 | 8.10 | 0.700 | 0.750 |");
        assertThat(ImageIO.read(png.toFile()).getWidth()).isPositive();

        Cli empty = Cli.run("evaluate", "curve", "--dir", dir.resolve("nothing").toString());
        assertThat(empty.exitCode()).isEqualTo(1);
        assertThat(empty.err()).contains("is not a folder");
    }

    @Test
    void everySubcommandHasHelp() {
        for (String sub : new String[] {"parzen", "fid", "kid", "score", "pr", "all", "classifier", "modes", "figures", "curve"}) {
            Cli r = Cli.run("evaluate", sub, "--help");
            assertThat(r.exitCode()).as(sub).isZero();
            assertThat(r.out()).as(sub).contains("Usage: gan evaluate " + sub);
        }
    }
}

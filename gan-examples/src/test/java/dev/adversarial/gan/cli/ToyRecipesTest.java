package dev.adversarial.gan.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.adversarial.gan.cli.CliEndToEndTest.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The toy recipes' theory and mode-coverage outputs, end to end through the command line (seconds). */
class ToyRecipesTest {
    @TempDir
    Path tmp;

    @Test
    void toy1dWritesTheTheoryEveryEpochAndEvaluateTheoryAgreesWithTheorem1() throws Exception {
        Path run = tmp.resolve("toy1d");
        Result r = CliEndToEndTest.gan("train", "--recipe", "toy-1d", "--epochs", "3", "--seed", "2", "--out", run.toString(),
                "--set", "data.size=3000");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(run.resolve("figure-1.png")).isRegularFile();
        assertThat(run.resolve("theory.png")).isRegularFile();
        List<String> csv = Files.readAllLines(run.resolve("metrics.csv"));
        List<String> header = List.of(csv.get(0).split(",", -1));
        assertThat(header).contains("v_d_g", "c_g", "minus_log4_plus_2jsd", "jsd", "mean_abs_d_minus_half", "w1");
        int epochEnds = 0;
        for (String line : csv.subList(1, csv.size())) {
            String[] f = line.split(",", -1);
            assertThat(f).hasSize(header.size());
            if (!f[header.indexOf("c_g")].isEmpty()) {
                epochEnds++;
                double c = Double.parseDouble(f[header.indexOf("c_g")]);
                double v = Double.parseDouble(f[header.indexOf("v_d_g")]);
                assertThat(c).as("Theorem 1 in metrics.csv")
                        .isCloseTo(Double.parseDouble(f[header.indexOf("minus_log4_plus_2jsd")]), within(1e-6));
                assertThat(c).isGreaterThanOrEqualTo(-Math.log(4) - 1e-9);
                assertThat(v).as("V(D, G) <= C(G) (Proposition 1)").isLessThanOrEqualTo(c + 1e-9);
            }
        }
        assertThat(epochEnds).isEqualTo(3);

        Path json = tmp.resolve("theory.json");
        Result t = CliEndToEndTest.gan("evaluate", "theory", "--checkpoint", run.resolve("checkpoints/latest").toString(),
                "--n", "20000", "--json", json.toString());
        assertThat(t.code()).as(t.err()).isZero();
        assertThat(t.out()).contains("C(G) = V(D*, G)").contains("-log 4 + 2 JSD").contains("W1(p_g, p_data)");
        JsonNode j = new ObjectMapper().readTree(json.toFile());
        assertThat(j.get("c_g").asDouble()).isCloseTo(j.get("minus_log4_plus_2jsd").asDouble(), within(1e-6));
        assertThat(j.get("mass_p_g").asDouble()).isCloseTo(1, within(1e-6));
        assertThat(j.get("jsd").asDouble()).isBetween(0.0, Math.log(2));
        assertThat(j.get("w1").asDouble()).isPositive();
    }

    @Test
    void toy2dScoresModesDuringTrainingAndTheTheoryCommandRefusesIt() throws Exception {
        Path run = tmp.resolve("toy2d");
        Result r = CliEndToEndTest.gan("train", "--recipe", "toy-2d", "--epochs", "2", "--seed", "3", "--out", run.toString(),
                "--set", "data=grid", "--set", "data.size=2560", "--set", "eval.every=1", "--set", "hidden=32");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(run.resolve("modes.png")).isRegularFile();
        List<String> csv = Files.readAllLines(run.resolve("metrics.csv"));
        List<String> header = List.of(csv.get(0).split(",", -1));
        int covered = header.indexOf("modes_covered"), share = header.indexOf("high_quality_share");
        assertThat(covered).isPositive();
        String[] last = csv.get(csv.size() - 1).split(",", -1);
        assertThat(Double.parseDouble(last[covered])).isBetween(0.0, 25.0);
        assertThat(Double.parseDouble(last[share])).isBetween(0.0, 1.0);

        Result modes = CliEndToEndTest.gan("evaluate", "modes", "--checkpoint", run.resolve("checkpoints/latest").toString(),
                "--mixture", "grid");
        assertThat(modes.code()).as(modes.err()).isZero();
        assertThat(modes.out()).contains("of 25 modes covered");

        Result theory = CliEndToEndTest.gan("evaluate", "theory", "--checkpoint", run.resolve("checkpoints/latest").toString());
        assertThat(theory.code()).isEqualTo(1);
        assertThat(theory.err()).contains("is a toy-2d checkpoint").contains("--recipe toy-1d");

        Result badData = CliEndToEndTest.gan("train", "--recipe", "toy-2d", "--set", "data=spiral", "--out",
                tmp.resolve("bad").toString());
        assertThat(badData.err()).contains("Setting 'data' of recipe 'toy-2d' must be ring").contains("spiral");
    }
}

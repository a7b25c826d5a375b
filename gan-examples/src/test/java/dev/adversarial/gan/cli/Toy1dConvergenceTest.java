package dev.adversarial.gan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adversarial.gan.cli.CliEndToEndTest.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proposition 2 in practice: the default toy-1d run (seed 1) ends at the game's equilibrium by
 * the criteria: W1(p_g from 100,000 samples, p_data) ≤ 0.02, JSD(p_data ‖ p_g) ≤ 0.005
 * nats and mean |D(x) − ½| over p_data ≤ 0.05, as metrics.csv records them at the last epoch.
 * Tagged slow: a full default run (under a minute on a laptop CPU).
 */
@Tag("slow")
class Toy1dConvergenceTest {
    @TempDir
    Path tmp;

    @Test
    void theDefaultRunConverges() throws Exception {
        Path run = tmp.resolve("toy1d");
        Result r = CliEndToEndTest.gan("train", "--recipe", "toy-1d", "--seed", "1", "--out", run.toString());
        assertThat(r.code()).as(r.err()).isZero();
        List<String> csv = Files.readAllLines(run.resolve("metrics.csv"));
        List<String> header = List.of(csv.get(0).split(",", -1));
        String[] last = csv.get(csv.size() - 1).split(",", -1);
        assertThat(Double.parseDouble(last[header.indexOf("w1")])).as("W1").isLessThanOrEqualTo(0.02);
        assertThat(Double.parseDouble(last[header.indexOf("jsd")])).as("JSD").isLessThanOrEqualTo(0.005);
        assertThat(Double.parseDouble(last[header.indexOf("mean_abs_d_minus_half")])).as("mean |D - 1/2|")
                .isLessThanOrEqualTo(0.05);
    }
}

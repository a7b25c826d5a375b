package dev.adversarial.gan.cli;

import static dev.adversarial.gan.cli.CliEndToEndTest.gan;
import static org.assertj.core.api.Assertions.assertThat;

import dev.adversarial.gan.cli.CliEndToEndTest.Result;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** `gan bench` on the toy recipe: the timings come with the machine and a practical peak from the same run. */
class BenchCommandTest {
    @Test
    void reportsTheMachineTheKernelsAndThePeakWithTheRatio() {
        Result r = gan("bench", "--recipe", "toy-1d", "--backends", "cpu,djl", "--iters", "3", "--warmup", "2",
                "--rounds", "2");
        assertThat(r.code()).as(r.err()).isZero();
        String out = r.out();
        String processors = Runtime.getRuntime().availableProcessors() + " processors";
        assertThat(out).contains("Machine: ").contains(processors).contains("Java " + System.getProperty("java.version"));
        // Each backend's device: the CPU one names its kernel, tile and threads.
        assertThat(out).containsPattern("cpu +on cpu \\((vector (256|512)-bit \\d+×\\d+|scalar)(, forced)?, \\d+ threads?\\)");
        assertThat(out).contains("round 2  djl").contains("ratio cpu/djl = ");
        Matcher peak = Pattern.compile("Matrix product 1024³ float32, best of 10: djl ([0-9.]+) GFLOP/s"
                + " \\(libtorch: the practical peak\\); cpu ([0-9.]+) GFLOP/s \\(([0-9.]+) of peak\\)").matcher(out);
        assertThat(peak.find()).as(out).isTrue();
        double djl = Double.parseDouble(peak.group(1)), cpu = Double.parseDouble(peak.group(2));
        assertThat(djl).isPositive();
        assertThat(Double.parseDouble(peak.group(3))).isCloseTo(cpu / djl, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void badCountsGetOneClearSentence() {
        Result r = gan("bench", "--recipe", "toy-1d", "--iters", "0");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("--iters and --rounds must be positive").doesNotContain("at dev.adversarial");
    }
}

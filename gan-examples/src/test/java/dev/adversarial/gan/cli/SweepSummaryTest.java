package dev.adversarial.gan.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepSummaryTest {
    @TempDir
    Path dir;

    @Test
    void meanAndSampleStandardDeviation() {
        // 1, 2, 3, 4: mean 2.5, squared deviations 2.25 + 0.25 + 0.25 + 2.25 = 5, sample variance 5 / 3.
        SweepSummary.Spread s = SweepSummary.Spread.of(List.of(1.0, 2.0, 3.0, 4.0));
        assertThat(s.n()).isEqualTo(4);
        assertThat(s.mean()).isEqualTo(2.5);
        assertThat(s.sd()).isCloseTo(Math.sqrt(5.0 / 3.0), within(1e-15));
        SweepSummary.Spread one = SweepSummary.Spread.of(List.of(7.0));
        assertThat(one.sd()).isNull();
        assertThat(one.describe()).isEqualTo("7 ± —");
        assertThatThrownBy(() -> SweepSummary.Spread.of(List.of())).hasMessageContaining("at least one value");
    }

    static Map<String, Double> values(double trainSeconds, double parzen) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("train_seconds", trainSeconds);
        m.put("parzen", parzen);
        return m;
    }

    @Test
    void markdownAndJsonCarryOneRowPerSeedAndTheSpread() throws Exception {
        Map<String, String> header = new LinkedHashMap<>();
        header.put("command", "gan sweep --recipe x --seeds 1,2,3 --out d");
        header.put("machine", "test machine");
        SweepSummary s = new SweepSummary("gan sweep: x", header, List.of(new SweepSummary.Row(1, values(1200.0, 210.5)),
                new SweepSummary.Row(2, values(1190.0, 214.5)), new SweepSummary.Row(3, values(1210.0, 212.5))));
        s.write(dir);
        String md = Files.readString(dir.resolve("summary.md"));
        assertThat(md).startsWith("# gan sweep: x\n")
                .contains("- command: `gan sweep --recipe x --seeds 1,2,3 --out d`")
                .contains("| seed | train_seconds | parzen |")
                .contains("| 1 | 1200 | 210.5 |")
                .contains("| 3 | 1210 | 212.5 |")
                // parzen: mean 212.5, sd sqrt((4 + 4 + 0) / 2) = 2.
                .contains("| mean ± sd (n = 3) | 1200 ± 10 | 212.5 ± 2 |");
        JsonNode j = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
        assertThat(j.get("machine").asText()).isEqualTo("test machine");
        assertThat(j.get("command").asText()).isEqualTo("gan sweep --recipe x --seeds 1,2,3 --out d");
        assertThat(j.get("seeds")).hasSize(3);
        assertThat(j.get("seeds").get(0).get("seed").asLong()).isEqualTo(1);
        assertThat(j.get("seeds").get(1).get("train_seconds").asDouble()).isEqualTo(1190.0);
        assertThat(j.get("mean_sd").get("parzen").get("mean").asDouble()).isCloseTo(212.5, within(1e-12));
        assertThat(j.get("mean_sd").get("parzen").get("sd").asDouble()).isCloseTo(2.0, within(1e-12));
        assertThat(j.get("mean_sd").get("train_seconds").get("n").asInt()).isEqualTo(3);
    }

    @Test
    void seedsAreCheckedWithOneSentence() {
        assertThat(SweepCommand.parseSeeds("1, 2,3")).containsExactly(1L, 2L, 3L);
        assertThatThrownBy(() -> SweepCommand.parseSeeds("1,x")).hasMessage("--seeds takes whole numbers separated by"
                + " commas (e.g. --seeds 1,2,3); 'x' is not one");
        assertThatThrownBy(() -> SweepCommand.parseSeeds("1,,2")).hasMessageContaining("'' is not one");
        assertThatThrownBy(() -> SweepCommand.parseSeeds("2,1,2")).hasMessage("--seeds lists 2 twice; each seed runs once");
        assertThatThrownBy(() -> SweepCommand.parseSeeds(" ")).hasMessageContaining("at least one seed");
    }

    @Test
    void machineNamesTheCpuAndItsVectorExtensions() throws Exception {
        Path cpuinfo = dir.resolve("cpuinfo");
        Files.writeString(cpuinfo, "processor\t: 0\nmodel name\t: AMD EPYC 9454P 48-Core Processor\n"
                + "flags\t\t: fpu sse4_2 avx avx2 fma avx512f avx512bw\n\nprocessor\t: 1\nmodel name\t: other\n");
        assertThat(Machine.describe(cpuinfo)).startsWith("AMD EPYC 9454P 48-Core Processor (")
                .endsWith("cores; sse4_2 avx avx2 fma avx512f avx512bw)");
        assertThat(Machine.describe(dir.resolve("missing"))).contains("vector extensions unknown");
    }
}

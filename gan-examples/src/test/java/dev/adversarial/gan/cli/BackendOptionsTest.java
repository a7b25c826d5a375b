package dev.adversarial.gan.cli;

import static dev.adversarial.gan.cli.CliEndToEndTest.gan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Injector;
import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.cli.CliEndToEndTest.Result;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every command that runs a model takes --backend and --device from the one mixin, built (and
 * injected) by the Guice-backed factory; a device a backend cannot use is one clear sentence.
 */
class BackendOptionsTest {
    /** Each command, by its path under `gan`, that runs a model on a backend. */
    private static final List<List<String>> COMMANDS = List.of(List.of("train"), List.of("sample"), List.of("export"),
            List.of("sweep"), List.of("evaluate", "parzen"), List.of("evaluate", "fid"), List.of("evaluate", "all"),
            List.of("evaluate", "classifier"), List.of("evaluate", "figures"), List.of("evaluate", "modes"),
            List.of("evaluate", "theory"));

    @TempDir
    Path tmp;

    @Test
    void everyModelCommandGetsBothOptionsFromTheInjectedMixin() {
        Injector injector = Wiring.injector();
        CommandLine gan = new CommandLine(Main.class, Wiring.factory(injector));
        for (List<String> path : COMMANDS) {
            CommandLine c = gan;
            for (String name : path) {
                c = c.getSubcommands().get(name);
                assertThat(c).as("gan " + String.join(" ", path)).isNotNull();
            }
            CommandLine command = c;
            for (String option : List.of("--backend", "--device")) {
                assertThat(command.getCommandSpec().findOption(option)).as(path + " " + option).isNotNull();
            }
            BackendOptions mixin = find(command.getCommandSpec());
            assertThat(mixin).as(path + " declares BackendOptions").isInstanceOf(BackendOptions.class);
            assertThat(mixin.factory).as(path + ": the factory was injected").isNotNull();
        }
    }

    /** The BackendOptions among a command's mixins, or inside one of them (EvaluationInputs holds one). */
    private static BackendOptions find(CommandLine.Model.CommandSpec spec) {
        for (CommandLine.Model.CommandSpec m : spec.mixins().values()) {
            if (m.userObject() instanceof BackendOptions b) {
                return b;
            }
            BackendOptions nested = find(m);
            if (nested != null) {
                return nested;
            }
        }
        return null;
    }

    @Test
    void aSecondDeviceForAStartedBackendIsNeverServedTheFirst() {
        BackendFactory factory = Wiring.injector().getInstance(BackendFactory.class);
        Backend cpu = factory.backend("cpu", null, "--backend");
        assertThat(factory.backend("cpu", "cpu", "--backend").name()).isEqualTo("cpu");
        // The cpu backend is started and cached, yet asking it for a GPU is refused, not silently answered with it.
        assertThatThrownBy(() -> factory.backend("cpu", "gpu", "--backend")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--device gpu was given, but the cpu backend runs on the CPU only")
                .hasMessageContaining("--backend djl --device gpu");
        assertThat(factory.backend("cpu", null, "--backend")).isSameAs(cpu);
    }

    @Test
    void theDeviceOptionIsCheckedInEveryCommandThatTakesIt() {
        Result sample = gan("sample", "--checkpoint", tmp.resolve("none").toString(), "--out",
                tmp.resolve("s.npy").toString(), "--backend", "cpu", "--device", "gpu");
        assertThat(sample.code()).isEqualTo(1);
        assertThat(sample.err()).contains("--device gpu was given, but the cpu backend runs on the CPU only");
        Result export = gan("export", "--checkpoint", tmp.resolve("none").toString(), "--out",
                tmp.resolve("g.onnx").toString(), "--device", "tpu");
        assertThat(export.code()).isEqualTo(1);
        assertThat(export.err()).contains("--device must be gpu or cpu, got 'tpu'");
    }
}

package dev.adversarial.gan.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Selection rules, with fake providers (the real ServiceLoader path is tested in each backend). */
class BackendsSelectionTest {
    private static BackendProvider provider(String name, int priority, boolean starts) {
        return new BackendProvider() {
            public String name() { return name; }
            public int priority() { return priority; }
            public String artifact() { return "test:" + name; }
            public Kernels create() {
                if (!starts) {
                    throw new IllegalStateException("native library missing");
                }
                return null; // selection never calls into the kernels
            }
        };
    }

    private static Map<String, BackendProvider> found(BackendProvider... ps) {
        Map<String, BackendProvider> m = new LinkedHashMap<>();
        for (BackendProvider p : ps) {
            m.put(p.name(), p);
        }
        return m;
    }

    @Test
    void noProviderNamesTheArtifactsToAdd() {
        assertThatThrownBy(() -> Backends.select(null, null, Map.of()))
                .hasMessageContaining("gan-backend-cpu").hasMessageContaining("gan-backend-djl");
    }

    @Test
    void unknownNameListsTheAvailableOnes() {
        assertThatThrownBy(() -> Backends.select("tpu", null, found(provider("sel-a", 10, true), provider("sel-b", 5, true))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'tpu'").hasMessageContaining("-Dgan.backend").hasMessageContaining("sel-a, sel-b");
        assertThatThrownBy(() -> Backends.select(null, "tpu", found(provider("sel-a", 10, true))))
                .hasMessageContaining("GAN_BACKEND");
    }

    @Test
    void propertyWinsOverEnvironmentWhichWinsOverPriority() {
        Map<String, BackendProvider> f = found(provider("sel-hi", 10, true), provider("sel-lo", 1, true));
        assertThat(Backends.select("sel-lo", "sel-hi", f).name()).isEqualTo("sel-lo");
        assertThat(Backends.select(null, "sel-lo", f).name()).isEqualTo("sel-lo");
        assertThat(Backends.select(null, null, f).name()).isEqualTo("sel-hi");
    }

    @Test
    void aProviderThatFailsToStartIsSkipped() {
        Map<String, BackendProvider> f = found(provider("sel-broken", 10, false), provider("sel-ok", 1, true));
        assertThat(Backends.select(null, null, f).name()).isEqualTo("sel-ok");
        assertThatThrownBy(() -> Backends.select("sel-broken", null, f))
                .hasMessageContaining("sel-broken").hasMessageContaining("native library missing");
    }

    @Test
    void theDeviceReachesTheProviderAndEachDeviceGetsItsOwnBackend() {
        java.util.List<String> asked = new java.util.ArrayList<>();
        BackendProvider twoDevices = new BackendProvider() {
            public String name() { return "sel-devices"; }
            public int priority() { return 1; }
            public String artifact() { return "test:sel-devices"; }
            public Kernels create() { return create(null); }
            @Override
            public Kernels create(String device) {
                asked.add(String.valueOf(device));
                return null;
            }
        };
        Map<String, BackendProvider> f = found(twoDevices);
        Backend onCpu = Backends.select("sel-devices", null, "cpu", f);
        Backend onGpu = Backends.select("sel-devices", null, "gpu", f);
        // A second request for a device already started reuses it; a different device is never served the cached one.
        assertThat(Backends.select("sel-devices", null, "gpu", f)).isSameAs(onGpu);
        assertThat(onGpu).isNotSameAs(onCpu);
        assertThat(asked).containsExactly("cpu", "gpu");
    }

    @Test
    void aCpuOnlyProviderRefusesAGpuInOneSentence() {
        Map<String, BackendProvider> f = found(provider("sel-cpuonly", 1, true));
        assertThat(Backends.select("sel-cpuonly", null, "cpu", f).name()).isEqualTo("sel-cpuonly");
        assertThatThrownBy(() -> Backends.select("sel-cpuonly", null, "gpu", f))
                .hasMessageContaining("sel-cpuonly backend runs on the CPU only").hasMessageContaining("device 'gpu'");
        assertThatThrownBy(() -> Backends.get("cpu", "tpu")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A backend device must be 'gpu' or 'cpu', got 'tpu'");
    }
}

package dev.adversarial.gan.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.adversarial.gan.api.Backends;
import org.junit.jupiter.api.Test;

/** With only this module on the class path, ServiceLoader finds the CPU backend and nothing else. */
class CpuDiscoveryTest {
    @Test
    void theOnlyBackendOnTheClassPathIsChosen() {
        assertThat(Backends.available()).containsExactly("cpu");
        String saved = System.clearProperty(Backends.PROPERTY);
        try {
            if (System.getenv(Backends.ENVIRONMENT) == null) {
                assertThat(Backends.get().name()).isEqualTo("cpu");
            }
            assertThat(Backends.get("cpu").device()).startsWith("cpu");
        } finally {
            if (saved != null) {
                System.setProperty(Backends.PROPERTY, saved);
            }
        }
    }

    @Test
    void anUnknownBackendNameListsTheAvailableOnes() {
        String saved = System.setProperty(Backends.PROPERTY, "tensorflow");
        try {
            assertThatThrownBy(Backends::get)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Unknown backend 'tensorflow' (from -Dgan.backend). Available: cpu.");
        } finally {
            if (saved == null) {
                System.clearProperty(Backends.PROPERTY);
            } else {
                System.setProperty(Backends.PROPERTY, saved);
            }
        }
    }

    @Test
    void theDefaultBufferPoolIsAnEighthOfTheHeapAndAtMost512Megabytes() {
        long mb = 1024 * 1024;
        assertThat(CpuBackendProvider.defaultPoolMegabytes(1024 * mb)).isEqualTo(128);
        assertThat(CpuBackendProvider.defaultPoolMegabytes(256 * mb)).isEqualTo(32);
        assertThat(CpuBackendProvider.defaultPoolMegabytes(6L * 1024 * mb)).isEqualTo(512);
    }
}

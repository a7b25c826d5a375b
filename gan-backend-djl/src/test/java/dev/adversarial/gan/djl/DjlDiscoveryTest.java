package dev.adversarial.gan.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.adversarial.gan.api.BackendProvider;
import dev.adversarial.gan.api.Backends;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** With only this module on the class path, ServiceLoader finds the djl backend and nothing else. */
class DjlDiscoveryTest {
    @Test
    void theOnlyBackendOnTheClassPathIsChosen() {
        assertThat(Backends.available()).containsExactly("djl");
        String saved = System.clearProperty(Backends.PROPERTY);
        try {
            if (System.getenv(Backends.ENVIRONMENT) == null) {
                assertThat(Backends.get().name()).isEqualTo("djl");
            }
            assertThat(Backends.get("djl").device()).matches("cpu\\(\\)|gpu\\(\\d+\\)");
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
                    .hasMessage("Unknown backend 'tensorflow' (from -Dgan.backend). Available: djl.");
        } finally {
            if (saved == null) {
                System.clearProperty(Backends.PROPERTY);
            } else {
                System.setProperty(Backends.PROPERTY, saved);
            }
        }
    }

    @Test
    void theProviderRanksBelowThePureJavaBackendAndNamesItsArtifact() {
        BackendProvider p = ServiceLoader.load(BackendProvider.class).findFirst().orElseThrow();
        assertThat(p).isInstanceOf(DjlBackendProvider.class);
        assertThat(p.name()).isEqualTo("djl");
        assertThat(p.priority()).isEqualTo(50).isLessThan(100);
        assertThat(p.artifact()).isEqualTo("dev.adversarial:gan-backend-djl");
    }
}

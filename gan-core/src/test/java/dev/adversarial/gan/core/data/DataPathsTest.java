package dev.adversarial.gan.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DataPathsTest {
    @Test
    void propertyBeatsEnvironmentBeatsHome() {
        assertThat(DataPaths.resolve("/p", "/e", "/home/u")).isEqualTo(Path.of("/p"));
        assertThat(DataPaths.resolve(null, "/e", "/home/u")).isEqualTo(Path.of("/e"));
        assertThat(DataPaths.resolve("  ", "/e", "/home/u")).as("blank counts as unset").isEqualTo(Path.of("/e"));
        assertThat(DataPaths.resolve(null, "", "/home/u")).isEqualTo(Path.of("/home/u/.cache/gan"));
    }

    @Test
    void relativePathsBecomeAbsolute() {
        assertThat(DataPaths.resolve("data", null, "/home/u")).isAbsolute().endsWithRaw(Path.of("data"));
    }

    @Test
    void noHomeAndNothingSetIsExplained() {
        assertThatThrownBy(() -> DataPaths.resolve(null, null, null))
                .hasMessageContaining("-Dgan.data.dir").hasMessageContaining("GAN_DATA_DIR");
    }

    @Test
    void theLiveLookupUsesTheSameRules() {
        String old = System.getProperty(DataPaths.PROPERTY);
        try {
            System.setProperty(DataPaths.PROPERTY, "/tmp/gan-data-paths-test");
            assertThat(DataPaths.cacheDir()).isEqualTo(Path.of("/tmp/gan-data-paths-test"));
        } finally {
            if (old == null) {
                System.clearProperty(DataPaths.PROPERTY);
            } else {
                System.setProperty(DataPaths.PROPERTY, old);
            }
        }
    }
}

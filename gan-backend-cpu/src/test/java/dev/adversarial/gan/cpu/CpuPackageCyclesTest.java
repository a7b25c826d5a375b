package dev.adversarial.gan.cpu;

import dev.adversarial.gan.api.architecture.PackageCycles;
import org.junit.jupiter.api.Test;

/** No package cycle among the main classes on this module's test class path: gan-api and gan-backend-cpu. */
class CpuPackageCyclesTest {
    @Test
    void noPackageCycle() {
        PackageCycles.assertNoneOnClassPath();
    }
}

package dev.adversarial.gan.djl;

import dev.adversarial.gan.api.architecture.PackageCycles;
import org.junit.jupiter.api.Test;

/** No package cycle among the main classes on this module's test class path: gan-api and gan-backend-djl. */
class DjlPackageCyclesTest {
    @Test
    void noPackageCycle() {
        PackageCycles.assertNoneOnClassPath();
    }
}

package dev.adversarial.gan.eval;

import dev.adversarial.gan.api.architecture.PackageCycles;
import org.junit.jupiter.api.Test;

/** No package cycle among the main classes on this module's test class path: gan-api, gan-core, gan-eval and gan-backend-cpu (a test dependency). */
class EvalPackageCyclesTest {
    @Test
    void noPackageCycle() {
        PackageCycles.assertNoneOnClassPath();
    }
}

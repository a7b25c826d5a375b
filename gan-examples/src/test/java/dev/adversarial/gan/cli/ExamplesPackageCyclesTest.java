package dev.adversarial.gan.cli;

import dev.adversarial.gan.api.architecture.PackageCycles;
import org.junit.jupiter.api.Test;

/**
 * No package cycle among the main classes on this module's test class path: every module of the
 * project (gan-api, both backends, gan-core, gan-eval and gan-examples' cli, recipes and onnx).
 */
class ExamplesPackageCyclesTest {
    @Test
    void noPackageCycle() {
        PackageCycles.assertNoneOnClassPath();
    }
}

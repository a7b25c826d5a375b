package dev.adversarial.gan.api.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** gan-api's own packages, and the check itself on graphs with and without a cycle. */
class PackageCyclesTest {
    @Test
    void ganApiHasNoPackageCycle() {
        PackageCycles.assertNoneOnClassPath();
    }

    @Test
    void findsTheCycleThatTheOldSpiSplitHad() {
        // api used api.spi (Tensor → Kernels) and api.spi used api (Kernels → Shape).
        String report = """
                classes -> not found
                   dev.adversarial.gan.api                            -> dev.adversarial.gan.api.spi                        classes
                   dev.adversarial.gan.api.optim                      -> dev.adversarial.gan.api                            classes
                   dev.adversarial.gan.api.spi                        -> dev.adversarial.gan.api                            classes
                """;
        Map<String, Set<String>> graph = PackageCycles.packageGraph(report);
        assertThat(graph).containsEntry("dev.adversarial.gan.api.optim", Set.of("dev.adversarial.gan.api"));
        assertThat(PackageCycles.findCycle(graph))
                .containsExactly("dev.adversarial.gan.api", "dev.adversarial.gan.api.spi", "dev.adversarial.gan.api");
    }

    @Test
    void findsALongerCycleAndNoneInALayering() {
        assertThat(PackageCycles.findCycle(Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"))))
                .containsExactly("a", "b", "c", "a");
        assertThat(PackageCycles.findCycle(Map.of("a", Set.of("b", "c"), "b", Set.of("c"), "c", Set.of()))).isEmpty();
    }

    @Test
    void looksOnlyAtMainClassesOfThisProject() {
        String cp = String.join(java.io.File.pathSeparator, "target/classes", "target/test-classes", "x/gan-api-tests.jar");
        List<Path> roots = PackageCycles.projectClassRoots(cp);
        assertThat(roots).containsExactly(Path.of("target/classes"));
    }

    @Test
    void namesTheCycleWhenItFails() {
        assertThatThrownBy(() -> PackageCycles.assertAcyclic(Map.of("a", Set.of("b"), "b", Set.of("a")), "test graph"))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Package cycle in test graph: a -> b -> a.");
    }
}

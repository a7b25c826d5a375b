package dev.adversarial.gan.api.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.api.Scope;
import dev.adversarial.gan.api.Tensor;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The contract every backend must pass. A backend's test module extends this class with one
 * factory method:
 *
 * <pre>{@code
 * class CpuContractTest extends BackendContractSuite {
 *     protected Backend backend() { return Backends.get("cpu"); }
 * }
 * }</pre>
 *
 * Forward values are checked against hand-computed results and a double-precision reference;
 * every differentiable op's gradient against central finite differences in double precision.
 */
public abstract class BackendContractSuite {

    protected abstract Backend backend();

    @TestFactory
    Stream<DynamicTest> elementwise() {
        return checks(OpCases.elementwise());
    }

    @TestFactory
    Stream<DynamicTest> broadcasting() {
        return checks(OpCases.broadcasting());
    }

    @TestFactory
    Stream<DynamicTest> reductions() {
        return checks(OpCases.reductions());
    }

    @TestFactory
    Stream<DynamicTest> matmul() {
        return checks(OpCases.matmuls());
    }

    @TestFactory
    Stream<DynamicTest> shapeOps() {
        return checks(OpCases.shapeOps());
    }

    @TestFactory
    Stream<DynamicTest> compositions() {
        return checks(OpCases.compositions());
    }

    @TestFactory
    Stream<DynamicTest> convolutions() {
        return checks(ConvCases.conv2d());
    }

    @TestFactory
    Stream<DynamicTest> transposedConvolutions() {
        return checks(ConvCases.convTranspose2d());
    }

    @TestFactory
    Stream<DynamicTest> batchNorm() {
        return checks(ConvolutionChecks.batchNorm());
    }

    @TestFactory
    Stream<DynamicTest> convolutionalNetworks() {
        return named(ConvolutionChecks.all(), c -> c.accept(backend()));
    }

    /** Products big enough to cross the blocking and threading boundaries of fast kernels. */
    @TestFactory
    Stream<DynamicTest> largeMatmul() {
        int[][] mkn = {{70, 300, 530}, {130, 600, 17}, {1, 1200, 1}, {257, 33, 513}, {100, 784, 240}};
        return Stream.of(mkn).flatMap(d -> Stream.of(0, 1, 2, 3).map(flags -> {
            boolean ta = (flags & 1) != 0, tb = (flags & 2) != 0;
            String name = String.format("%dx%d·%dx%d%s%s", d[0], d[1], d[1], d[2], ta ? " Aᵀ" : "", tb ? " Bᵀ" : "");
            return DynamicTest.dynamicTest(name, () -> largeProduct(d[0], d[1], d[2], ta, tb));
        }));
    }

    private void largeProduct(int m, int k, int n, boolean ta, boolean tb) {
        Backend b = backend();
        Rng rng = new Rng(m * 31L + k * 7L + n);
        double[] a = GradCheck.draw(rng, m * k, OpCase.Domain.ANY);
        double[] c = GradCheck.draw(rng, k * n, OpCase.Domain.ANY);
        Ref ra = Ref.of(a, ta ? new int[] {k, m} : new int[] {m, k});
        Ref rb = Ref.of(c, tb ? new int[] {n, k} : new int[] {k, n});
        try (Scope s = Scope.open()) {
            Tensor ta1 = b.tensor(GradCheck.toFloat(a), ra.dims());
            Tensor tb1 = b.tensor(GradCheck.toFloat(c), rb.dims());
            float[] got = ta1.matmul(tb1, ta, tb).toArray();
            // Float32 accumulation over k terms of size up to 4: allow k·4·2^-20 absolute error.
            GradCheck.assertClose("matmul", got, ra.matmul(rb, ta, tb).v(), 1e-5, k * 4.0 / (1 << 20));
        }
    }

    @TestFactory
    Stream<DynamicTest> handComputed() {
        return named(HandComputedChecks.all(), f -> f.apply(backend()));
    }

    @TestFactory
    Stream<DynamicTest> autograd() {
        return named(AutogradChecks.all(), c -> c.accept(backend()));
    }

    @TestFactory
    Stream<DynamicTest> optimizers() {
        return named(OptimizerChecks.all(), c -> c.accept(backend()));
    }

    @TestFactory
    Stream<DynamicTest> modules() {
        return named(LayerChecks.all(), c -> c.accept(backend()));
    }

    @TestFactory
    Stream<DynamicTest> errorMessages() {
        return named(ErrorChecks.all(), c -> {
            try (Scope s = Scope.open()) {
                assertThatThrownBy(() -> c.call().accept(backend()))
                        .isInstanceOfAny(IllegalArgumentException.class, IllegalStateException.class)
                        .satisfies(e -> {
                            for (String f : c.fragments()) {
                                assertThat(e.getMessage()).contains(f);
                            }
                        });
            }
        });
    }

    /**
     * Every constant of every op enum the SPI takes has a case above whose forward pass
     * dispatches it (see {@link OpCoverage}): a constant added without a case fails here.
     */
    @Test
    void everyOpConstantHasACase() {
        Set<String> missing = OpCoverage.missing(OpCoverage.reached(backend(), OpCoverage.catalogue()));
        assertThat(missing)
                .as("op constants that no contract case dispatches; add a case for each to OpCases")
                .isEmpty();
    }

    /** The coverage check itself notices a constant whose only cases are gone. */
    @Test
    void opCoverageNoticesAMissingCase() {
        List<OpCase> withoutTanh = OpCoverage.catalogue().stream()
                .filter(c -> !c.name().equals("tanh") && !c.name().equals("sigmoid-mlp"))
                .toList();
        assertThat(OpCoverage.missing(OpCoverage.reached(backend(), withoutTanh))).containsExactly("unary(TANH)");
    }

    private Stream<DynamicTest> checks(List<OpCase> cases) {
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> GradCheck.run(backend(), c)));
    }

    private static <T> Stream<DynamicTest> named(Map<String, T> checks, java.util.function.Consumer<T> run) {
        return new TreeMap<>(checks).entrySet().stream()
                .map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
                    try (Scope s = Scope.open()) {
                        run.accept(e.getValue());
                    }
                }));
    }

}

package dev.adversarial.gan.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.adversarial.gan.api.Rng;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of the CPU matmul beyond the shared contract, for each kernel this JVM can run: the
 * scalar fallback always, the Vector API kernels when the JVM has jdk.incubator.vector (256-bit
 * on AVX2 and wider, 512-bit where the JVM has AVX-512).
 */
class MatMulTest {
    static Stream<BlockKernel> kernels() {
        List<BlockKernel> ks = new ArrayList<>(List.of(new ScalarKernel()));
        ks.addAll(vectorKernels());
        return ks.stream();
    }

    static List<BlockKernel> vectorKernels() {
        List<BlockKernel> ks = new ArrayList<>();
        for (int bits : new int[] {256, 512}) {
            BlockKernel k = BlockKernel.vectorOrNull(bits);
            if (k != null) {
                ks.add(k);
            }
        }
        return ks;
    }

    private static float[] random(Rng rng, int size) {
        float[] x = new float[size];
        rng.fillUniform(x, -1, 1);
        return x;
    }

    /** C from a double-precision triple loop, the reference for edge-tile checks. */
    private static double[] reference(float[] a, boolean ta, float[] b, boolean tb, int m, int n, int k) {
        double[] c = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += (double) a[ta ? p * m + i : i * k + p] * b[tb ? j * k + p : p * n + j];
                }
                c[i * n + j] = s;
            }
        }
        return c;
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void resultsDoNotDependOnTheNumberOfThreadsOrTheCall(BlockKernel kernel) {
        Rng rng = new Rng(11);
        // Wide (split by columns) and tall (split by rows), crossing the KC, MC and NC block edges,
        // with edge tiles in both directions; all above the parallel threshold.
        int[][] mkn = {{70, 300, 530}, {530, 300, 70}, {157, 520, 1100}, {13, 700, 1000}};
        MatMul one = new MatMul(1, kernel), two = new MatMul(2, kernel), three = new MatMul(3, kernel);
        for (int[] d : mkn) {
            int m = d[0], k = d[1], n = d[2];
            assertThat((long) m * n * k).isGreaterThan(MatMul.PARALLEL_THRESHOLD);
            float[] a = random(rng, m * k), b = random(rng, k * n);
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                    float[] c1 = new float[m * n], c2 = new float[m * n], c3 = new float[m * n];
                    java.util.Arrays.fill(c2, Float.NaN); // dirty output must not leak in
                    one.multiply(a, ta, b, tb, c1, m, n, k);
                    two.multiply(a, ta, b, tb, c2, m, n, k);
                    three.multiply(a, ta, b, tb, c3, m, n, k);
                    String what = String.format("%dx%dx%d ta=%s tb=%s", m, k, n, ta, tb);
                    assertSameBits(c2, c1, "2 threads, " + what);
                    assertSameBits(c3, c1, "3 threads, " + what);
                    two.multiply(a, ta, b, tb, c3, m, n, k);
                    assertSameBits(c3, c1, "repeated call, " + what);
                }
            }
        }
    }

    /** Bit for bit (Arrays.mismatch tells 0.0 from -0.0); AssertJ's containsExactly is too slow here. */
    private static void assertSameBits(float[] got, float[] want, String what) {
        int at = java.util.Arrays.mismatch(got, want);
        assertThat(at).as("%s: first difference at %d: %s vs %s", what, at,
                at < 0 ? "" : got[at], at < 0 ? "" : want[at]).isEqualTo(-1);
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void edgeTilesMatchADoublePrecisionReference(BlockKernel kernel) {
        Rng rng = new Rng(5);
        MatMul mm = new MatMul(1, kernel);
        int mr = kernel.mr(), nr = kernel.nr(), kc = MatMul.KC;
        for (int m : new int[] {1, mr - 1, mr, mr + 1, 2 * mr + 1}) {
            for (int n : new int[] {1, nr - 1, nr, nr + 1, 3 * nr + 5}) {
                for (int k : new int[] {1, 7, kc, kc + 1}) {
                    float[] a = random(rng, m * k), b = random(rng, k * n);
                    for (int flags = 0; flags < 4; flags++) {
                        boolean ta = (flags & 1) != 0, tb = (flags & 2) != 0;
                        float[] c = new float[m * n];
                        java.util.Arrays.fill(c, 99f);
                        mm.multiply(a, ta, b, tb, c, m, n, k);
                        double[] want = reference(a, ta, b, tb, m, n, k);
                        double worst = 0;
                        for (int i = 0; i < c.length; i++) {
                            worst = Math.max(worst, Math.abs(c[i] - want[i]));
                        }
                        assertThat(worst).as("%dx%dx%d ta=%s tb=%s", m, k, n, ta, tb).isLessThan(1e-6 * k + 1e-6);
                    }
                }
            }
        }
    }

    /** The fallback is what users get without the flag; it must agree with each fast kernel. */
    @Test
    void scalarFallbackAgreesWithTheVectorKernels() {
        List<BlockKernel> vectors = vectorKernels();
        assumeThat(vectors).as("needs --add-modules jdk.incubator.vector").isNotEmpty();
        for (BlockKernel vector : vectors) {
            agreesWithTheScalarKernel(vector);
        }
    }

    private static void agreesWithTheScalarKernel(BlockKernel vector) {
        MatMul fast = new MatMul(2, vector), slow = new MatMul(2, new ScalarKernel());
        Rng rng = new Rng(3);
        int[][] mkn = {{100, 784, 240}, {257, 33, 513}, {31, 600, 17}};
        for (int[] d : mkn) {
            int m = d[0], k = d[1], n = d[2];
            float[] a = random(rng, m * k), b = random(rng, k * n);
            for (int flags = 0; flags < 4; flags++) {
                boolean ta = (flags & 1) != 0, tb = (flags & 2) != 0;
                float[] x = new float[m * n], y = new float[m * n];
                fast.multiply(a, ta, b, tb, x, m, n, k);
                slow.multiply(a, ta, b, tb, y, m, n, k);
                // Terms are below 1 in size: k rounding errors of 2^-24 relative each, both ways.
                double tolerance = 2.0 * k / (1 << 24) * Math.sqrt(k) + 1e-6, worst = 0;
                for (int i = 0; i < x.length; i++) {
                    worst = Math.max(worst, Math.abs(x[i] - y[i]));
                }
                assertThat(worst).as("%s %dx%dx%d ta=%s tb=%s", vector.description(), m, k, n, ta, tb)
                        .isLessThan(tolerance);
            }
        }
    }

    /**
     * Without the property the widest native kernel is chosen; with it, the one it names (the
     * build runs the contract suite again with -Dgan.cpu.kernel=vector256, see the pom).
     */
    @Test
    void theSelectedKernelFollowsTheJvmAndThePropertyAndIsReported() {
        boolean hasModule = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        String property = System.getProperty(BlockKernel.PROPERTY, "auto");
        BlockKernel widest = BlockKernel.vectorOrNull(), selected = BlockKernel.selected();
        if (!hasModule) {
            assertThat(widest).isNull();
        }
        String want = switch (property) {
            case "scalar" -> "scalar";
            case "vector256" -> widest == null ? "scalar" : BlockKernel.vectorOrNull(256).description();
            default -> widest == null ? "scalar" : widest.description();
        };
        assertThat(selected.description()).isEqualTo(want);
        if (BlockKernel.vectorOrNull(512) != null && property.equals("auto")) {
            assertThat(selected.description()).startsWith("vector 512-bit ");
        }
        assertThat(new CpuKernels(3, 0).device()).isEqualTo("cpu (" + selected.description()
                + (BlockKernel.forced() ? ", forced" : "") + ", 3 threads)");
    }

    @Test
    void thePropertyForcesAKernelAndAMistypedOneIsRefusedClearly() {
        BlockKernel.Choice scalar = BlockKernel.choose("scalar");
        assertThat(scalar.kernel()).isInstanceOf(ScalarKernel.class);
        assertThat(scalar.forced()).isTrue();
        for (int bits : new int[] {256, 512}) {
            BlockKernel runs = BlockKernel.vectorOrNull(bits);
            // Where the JVM cannot run it natively the backend falls back to its own choice.
            BlockKernel.Choice c = BlockKernel.choose("vector" + bits);
            assertThat(c.forced()).isEqualTo(runs != null);
            if (runs != null) {
                assertThat(c.kernel().description()).isEqualTo(runs.description());
            }
        }
        assertThat(BlockKernel.choose("auto").forced()).isFalse();
        assertThatThrownBy(() -> BlockKernel.choose("avx512"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("-Dgan.cpu.kernel must be auto, vector512, vector256 or scalar, got 'avx512';"
                        + " leave it unset to let the backend choose");
    }

    /**
     * Both vector kernels compute each element as one FMA per k term in increasing k over the
     * same KC blocks, so the tile shape and vector width change no bit: a run on an AVX2 machine
     * reproduces one on AVX-512.
     */
    @Test
    void theVectorKernelsAgreeBitForBit() {
        List<BlockKernel> vectors = vectorKernels();
        assumeThat(vectors).as("needs two vector kernels: AVX-512 and --add-modules jdk.incubator.vector").hasSize(2);
        Rng rng = new Rng(13);
        int[][] mkn = {{100, 784, 1200}, {200, 1200, 240}, {1200, 100, 784}, {37, 513, 75}};
        for (int[] d : mkn) {
            int m = d[0], k = d[1], n = d[2];
            float[] a = random(rng, m * k), b = random(rng, k * n);
            for (int flags = 0; flags < 4; flags++) {
                boolean ta = (flags & 1) != 0, tb = (flags & 2) != 0;
                float[] x = new float[m * n], y = new float[m * n];
                new MatMul(2, vectors.get(0)).multiply(a, ta, b, tb, x, m, n, k);
                new MatMul(2, vectors.get(1)).multiply(a, ta, b, tb, y, m, n, k);
                assertSameBits(y, x, String.format("%dx%dx%d ta=%s tb=%s", m, k, n, ta, tb));
            }
        }
    }

    @Test
    void anInterruptedCallerStillGetsTheWholeProductAndKeepsTheInterrupt() {
        Rng rng = new Rng(7);
        int m = 64, k = 300, n = 700;
        float[] a = random(rng, m * k), b = random(rng, k * n);
        float[] want = new float[m * n], got = new float[m * n];
        new MatMul(1).multiply(a, false, b, false, want, m, n, k);
        Thread.currentThread().interrupt();
        try {
            new MatMul(2).multiply(a, false, b, false, got, m, n, k);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertSameBits(got, want, "interrupted");
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void overwritesDirtyOutputBuffers(BlockKernel kernel) {
        float[] c = {99, 99, 99, 99};
        new MatMul(1, kernel).multiply(new float[] {1, 2, 3, 4}, false, new float[] {1, 0, 0, 1}, false, c, 2, 2, 2);
        assertThat(c).containsExactly(1, 2, 3, 4);
        float[] z = {5, 5};
        new MatMul(1, kernel).multiply(new float[0], false, new float[0], false, z, 2, 1, 0);
        assertThat(z).containsExactly(0, 0);
    }
}

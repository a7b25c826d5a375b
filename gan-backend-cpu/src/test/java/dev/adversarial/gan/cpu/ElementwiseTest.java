package dev.adversarial.gan.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adversarial.gan.api.BinaryOp;
import dev.adversarial.gan.api.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Broadcasting through every iteration order the kernel picks, including the swapped one for a
 * short last axis, the row-broadcast path (maxout's [batch, units, pieces] against
 * [batch, units, 1]) and rows against one value of either operand, against a plain
 * index-by-index reference that applies each op's float operation once per element: equal
 * bits (NaN and infinities from dividing by 0 included) mean the same results as before.
 */
class ElementwiseTest {
    private static final int[][][] CASES = {
        {{7, 24, 5}, {7, 24, 1}}, {{7, 24, 1}, {7, 24, 5}}, {{9, 3}, {9, 1}}, {{9, 3}, {1, 3}},
        {{1, 3}, {9, 1}}, {{4, 1, 2}, {1, 6, 1}}, {{2, 3, 4}, {4}}, {{5}, {5}}, {{6, 2}, {6, 2}},
        // Batch norm's per-channel statistics in both orders, its 1-d form, a bias row, and
        // axes that merge ([3, 4, 1, 5] against [3, 4, 1, 1] is [12, 5] against [12, 1]).
        {{4, 3, 20}, {1, 3, 1}}, {{1, 3, 1}, {4, 3, 20}}, {{4, 20, 1}, {1, 20, 1}}, {{1, 20, 1}, {4, 20, 1}},
        {{4, 20}, {20}}, {{20}, {4, 20}}, {{3, 4, 1, 5}, {3, 4, 1, 1}}, {{3, 4, 17}, {3, 4, 1}},
        {{2, 1, 3, 17}, {1, 5, 1, 17}}, {{7, 24, 5}, {1, 24, 1}}, {{}, {}}, {{1, 1}, {1}}, {{3, 0, 2}, {1, 0, 1}},
        // Axes that coalesce: a convolution's bias [1, C, 1, 1] in both orders, a per-sample
        // value [N, C, 1, 1] (which merges down to [N·C, H·W]), all-ones shapes.
        {{4, 3, 5, 6}, {1, 3, 1, 1}}, {{1, 3, 1, 1}, {4, 3, 5, 6}}, {{2, 3, 4, 5}, {2, 3, 1, 1}},
        {{1, 1, 1}, {1}}, {{2, 1, 3, 1, 4}, {2, 1, 3, 1, 1}}, {{5, 1, 4}, {1, 1, 1}},
    };

    @Test
    void broadcastingMatchesAPlainReferenceForEveryOp() {
        Random r = new Random(3);
        for (int[][] c : CASES) {
            Shape as = Shape.of(c[0]), bs = Shape.of(c[1]);
            Shape os = Shape.broadcast(as, bs);
            float[] a = new float[as.size()], b = new float[bs.size()];
            for (int i = 0; i < a.length; i++) a[i] = r.nextInt(5) - 2;   // small integers: ties for EQ/GE
            for (int i = 0; i < b.length; i++) b[i] = r.nextInt(5) - 2;
            for (BinaryOp op : BinaryOp.values()) {
                float[] out = new float[os.size()];
                Elementwise.binary(op, a, as, b, bs, out, os);
                assertThat(out).as(op + " " + as + " " + bs).containsExactly(reference(op, a, as, b, bs, os));
            }
        }
    }

    /** The sign-bit form of a &gt; s must agree with the comparison on every special value. */
    @Test
    void greaterThanAScalarAgreesWithTheComparisonOnSpecialValues() {
        float[] special = {Float.NaN, -0f, 0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, Float.MAX_VALUE,
            -Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1f, -1f, 1.5f, Math.nextUp(1.5f),
            Math.nextDown(1.5f), -2f, 3e38f, -3e38f};
        for (float s : special) {
            float[] out = new float[special.length];
            Elementwise.scalar(BinaryOp.GT, special, s, out, 0, special.length);
            for (int i = 0; i < special.length; i++) {
                assertThat(out[i]).as(special[i] + " > " + s).isEqualTo(special[i] > s ? 1f : 0f);
            }
        }
    }

    private static final float[] SPECIAL = {Float.NaN, -0f, 0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL,
        Float.MAX_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1f, -1f, 1.5f,
        Math.nextUp(1.5f), -2f, 1e-40f, -1e-40f};

    /**
     * The unit-stride loops (same shape split at an odd offset, and against one value) give the
     * reference's bits for every pair of special values: Math.max/min's NaN and signed-zero
     * rules, comparisons false on NaN.
     */
    @Test
    void unitStridePathsAgreeWithTheReferenceOnSpecialValues() {
        int n = SPECIAL.length * SPECIAL.length;
        float[] a = new float[n], b = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = SPECIAL[i / SPECIAL.length];
            b[i] = SPECIAL[i % SPECIAL.length];
        }
        Shape s = Shape.of(n);
        for (BinaryOp op : BinaryOp.values()) {
            float[] expected = reference(op, a, s, b, s, s);
            float[] out = new float[n];
            Elementwise.sameShape(op, a, b, out, 0, 7);
            Elementwise.sameShape(op, a, b, out, 7, n);
            assertThat(out).as(op.toString()).isEqualTo(expected);
            for (float v : SPECIAL) {
                float[] scalarOut = new float[n];
                Elementwise.scalar(op, a, v, scalarOut, 0, n);
                assertThat(scalarOut).as(op + " against " + v)
                        .isEqualTo(reference(op, a, s, new float[] {v}, Shape.of(), s));
            }
        }
    }

    /** The fused ReLU gradient against g·[x > 0], infinite and NaN g included. */
    @Test
    void reluGradientAgreesWithTheMaskedProduct() {
        for (float g : new float[] {2.5f, -3f, 0f, -0f, Float.POSITIVE_INFINITY, Float.NaN}) {
            float[] gs = new float[SPECIAL.length], out = new float[SPECIAL.length];
            java.util.Arrays.fill(gs, g);
            ElementLoops.SELECTED.reluGradient(SPECIAL, gs, out, 0, SPECIAL.length);
            for (int i = 0; i < SPECIAL.length; i++) {
                assertThat(Float.floatToIntBits(out[i])).as("g %s at %s", g, SPECIAL[i])
                        .isEqualTo(Float.floatToIntBits(g * (SPECIAL[i] > 0f ? 1f : 0f)));
            }
        }
    }

    /** The fused LeakyReLU kernels against the composition max(x, αx) and its max rule. */
    @Test
    void leakyReluKernelsAgreeWithTheComposition() {
        float[] g = new float[SPECIAL.length];
        for (int i = 0; i < g.length; i++) {
            g[i] = (i % 2 == 0 ? -1 : 1) * (0.25f + i);
        }
        g[3] = -0f;
        g[4] = 0f;
        for (float alpha : new float[] {0f, 0.2f, 0.5f, 0.75f, 1f}) {
            float[] values = new float[SPECIAL.length], grads = new float[SPECIAL.length];
            Elementwise.leakyRelu(SPECIAL, alpha, values, 0, SPECIAL.length);
            ElementLoops.SELECTED.leakyReluGradient(SPECIAL, g, alpha, grads, 0, SPECIAL.length);
            for (int i = 0; i < SPECIAL.length; i++) {
                float x = SPECIAL[i], scaled = alpha * x;
                float composed = g[i] * (x >= scaled ? 1f : 0f) + alpha * (g[i] * (x < scaled ? 1f : 0f));
                assertThat(Float.floatToIntBits(values[i])).as("leakyRelu(%s) at %s", alpha, x)
                        .isEqualTo(Float.floatToIntBits(Math.max(x, scaled)));
                assertThat(Float.floatToIntBits(grads[i])).as("gradient of leakyRelu(%s) at %s", alpha, x)
                        .isEqualTo(Float.floatToIntBits(composed));
            }
        }
    }

    /**
     * The Vector API loops against the scalar ones, bit for bit: every pair of special values
     * (NaN, ±0, ±∞, subnormals, the extremes), random values over the whole float range, and
     * ranges and offsets that leave every length of partial vector at either end.
     */
    @Test
    void vectorLoopsGiveTheScalarLoopsBits() {
        ElementLoops vector = ElementLoops.vectorOrNull();
        org.junit.jupiter.api.Assumptions.assumeTrue(vector != null, "no Vector API on this JVM");
        ElementLoops scalar = new ElementLoops();
        Random r = new Random(5);
        int pairs = SPECIAL.length * SPECIAL.length, n = pairs + 301;
        float[] x = new float[n], g = new float[n + 8]; // g: room for the arithmetic's offset b
        for (int i = 0; i < g.length; i++) {
            x[i % n] = i < pairs ? SPECIAL[i / SPECIAL.length] : randomFloat(r);
            g[i] = i < pairs ? SPECIAL[i % SPECIAL.length] : randomFloat(r);
        }
        for (int from : new int[] {0, 1, 3, 7, 16}) {
            for (int to : new int[] {n, n - 1, n - 5, n - 13, from + 5, from + 17}) {
                for (float alpha : new float[] {0.2f, 0f, -0f, 1f, 1e-40f, Float.NaN, Float.POSITIVE_INFINITY, -1f}) {
                    assertSameBits(vector, scalar, (l, out) -> l.leakyReluGradient(x, g, alpha, out, from, to), n,
                            "leakyReluGradient(" + alpha + ") [" + from + ", " + to + ")");
                }
                assertSameBits(vector, scalar, (l, out) -> l.reluGradient(x, g, out, from, to), n,
                        "reluGradient [" + from + ", " + to + ")");
                for (BinaryOp op : BinaryOp.values()) {
                    int len = to - from, bo = (from * 7) % 5;
                    assertSameBits(vector, scalar, (l, out) -> l.arithmetic(op, x, from, g, bo, false, out, 3, len), n,
                            op + " on " + len + " from " + from);
                    // In place, as the column sums add each row into their output.
                    assertSameBits(vector, scalar, (l, out) -> {
                        System.arraycopy(x, 0, out, 0, n);
                        l.arithmetic(op, out, from, g, bo, false, out, from, len);
                    }, n, op + " in place on " + len + " from " + from);
                    for (float v : SPECIAL) {
                        float[] b = {v};
                        assertSameBits(vector, scalar, (l, out) -> l.arithmetic(op, x, from, b, 0, true, out, 2, len), n,
                                op + " " + v + " on " + len + " from " + from);
                    }
                }
            }
        }
    }

    /** Any bit pattern but NaNs other than Float.NaN: a NaN's payload is not part of Java's float results. */
    private static float randomFloat(Random r) {
        float f = Float.intBitsToFloat(r.nextInt());
        return f != f ? Float.NaN : f;
    }

    private interface LoopRun {
        void run(ElementLoops loops, float[] out);
    }

    private static void assertSameBits(ElementLoops vector, ElementLoops scalar, LoopRun run, int n, String what) {
        float[] expected = new float[n + 8], actual = new float[n + 8];
        java.util.Arrays.fill(expected, -7f);
        java.util.Arrays.fill(actual, -7f);
        run.run(scalar, expected);
        run.run(vector, actual);
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToRawIntBits(actual[i]) != Float.floatToRawIntBits(expected[i])) {
                throw new AssertionError(what + ": element " + i + " is " + actual[i] + " not " + expected[i]);
            }
        }
    }

    private static float[] reference(BinaryOp op, float[] a, Shape as, float[] b, Shape bs, Shape os) {
        float[] out = new float[os.size()];
        int[] sa = Elementwise.alignedStrides(as, os.rank()), sb = Elementwise.alignedStrides(bs, os.rank());
        int[] dims = os.dims();
        for (int o = 0; o < out.length; o++) {
            int rest = o, ai = 0, bi = 0;
            for (int ax = dims.length - 1; ax >= 0; ax--) {
                int i = rest % dims[ax];
                rest /= dims[ax];
                ai += i * sa[ax];
                bi += i * sb[ax];
            }
            float x = a[ai], y = b[bi];
            out[o] = switch (op) {
                case ADD -> x + y;
                case SUB -> x - y;
                case MUL -> x * y;
                case DIV -> x / y;
                case MAX -> Math.max(x, y);
                case MIN -> Math.min(x, y);
                case EQ -> x == y ? 1f : 0f;
                case POW -> (float) Math.pow(x, y);
                case GT -> x > y ? 1f : 0f;
                case GE -> x >= y ? 1f : 0f;
                case LT -> x < y ? 1f : 0f;
                case LE -> x <= y ? 1f : 0f;
            };
        }
        return out;
    }
}

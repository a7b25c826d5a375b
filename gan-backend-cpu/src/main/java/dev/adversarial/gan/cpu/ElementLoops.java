package dev.adversarial.gan.cpu;

import dev.adversarial.gan.api.BinaryOp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The elementwise loops that C2 (JDK 17) leaves scalar, in plain Java: this class is the path
 * for every JVM, and {@code VectorLoops} overrides each loop with the Vector API where the JVM
 * has the jdk.incubator.vector module. {@link #SELECTED} is the one this JVM uses, loaded as
 * {@link BlockKernel#vectorOrNull} loads the matrix kernels: by name, after checking for the
 * module, so a JVM without it never links a Vector API class.
 *
 * <p>Both compute each element with the same float operations in the same order (a select of
 * 1, α or 0 by compare masks, then one product; or the one arithmetic op), so they give the
 * same bits, for any vector width and split of the range: ElementwiseTest compares them.
 *
 * <p>Only loops that gain are here. One thread, 240,000 floats, JDK 17, Intel Xeon, AVX2 and
 * AVX-512 alike (2026-12-03), ns per element scalar → Vector API: ReLU gradient 0.50 → 0.31,
 * LeakyReLU gradient 0.70 → 0.31, DIV 0.73 → 0.37, a bias add over rows of 1,200 0.29 → 0.12,
 * same-shape add or product 0.36 → 0.31 (then at bandwidth); the column sums of bias
 * gradients, which add row after row with this add, [200, 1200] 0.5–1.2 → 0.07–0.28. SGD's
 * momentum step stays in CpuKernels: 0.32 both ways, bandwidth-bound. Loops C2 already
 * vectorises (LeakyReLU's max, a op scalar, Math.max) stay in {@link Elementwise}. Maxout's
 * gradient and row maxima (groups of 5 adjacent values) stay scalar: regrouping them across
 * lanes by shuffles or gathers measured no faster.
 */
class ElementLoops {
    /** Declared before {@link #SELECTED}, whose initialiser logs. */
    private static final Logger LOG = LoggerFactory.getLogger(ElementLoops.class);
    /** The loops this JVM uses: {@code VectorLoops} when it can, else this class. */
    static final ElementLoops SELECTED = select();
    /** The bits of 1f: a mask's 1 is {@code intBitsToFloat(test ? ONE : 0)}, picked by a conditional move. */
    static final int ONE = Float.floatToRawIntBits(1f);

    /** The Vector API loops if this JVM has the module and native vectors of 4 floats or more, else null. */
    static ElementLoops vectorOrNull() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return null;
        }
        try {
            Class<?> type = Class.forName(ElementLoops.class.getPackageName() + ".VectorLoops");
            return (ElementLoops) type.getDeclaredConstructor().newInstance();
        } catch (java.lang.reflect.InvocationTargetException e) {
            if (!(e.getCause() instanceof UnsupportedOperationException)) {
                LOG.warn("Vector API present but not used for elementwise loops ({})", e.getCause().toString());
            }
            return null; // UnsupportedOperationException: this JVM's vectors are too narrow to gain
        } catch (ReflectiveOperationException | LinkageError e) {
            LOG.warn("Vector API present but not used for elementwise loops ({})", e.toString());
            return null;
        }
    }

    private static ElementLoops select() {
        ElementLoops v = vectorOrNull();
        LOG.debug("CPU elementwise loops: {}", v != null ? "Vector API" : "scalar");
        return v != null ? v : new ElementLoops();
    }

    /**
     * ReLU's gradient, out[i] = g[i]·[x[i] &gt; 0] for i in [from, to): the mask and the product of
     * {@code g.mul(x.gt(0))} in one pass, the mask's bits picked by a conditional move.
     */
    void reluGradient(float[] x, float[] g, float[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            out[i] = g[i] * Float.intBitsToFloat(x[i] > 0f ? ONE : 0);
        }
    }

    /**
     * LeakyReLU's gradient, out[i] = g[i]·m for i in [from, to), m = 1 where x ≥ alpha·x, alpha
     * where x &lt; alpha·x and 0 where neither holds (NaN): the max rule's decisions, compared as
     * the composition compared. The mask is picked as int bits by conditional moves; a float
     * select ({@code v >= s ? 1f : alpha}) is a branch under C2 and mispredicts on half of an
     * activation's values (3.2 ms against 0.58 ms for 800,000 of them, JDK 17, 2026-12-02).
     */
    void leakyReluGradient(float[] x, float[] g, float alpha, float[] out, int from, int to) {
        int alphaBits = Float.floatToRawIntBits(alpha);
        for (int i = from; i < to; i++) {
            float v = x[i], scaled = alpha * v;
            int mask = (v >= scaled ? ONE : 0) | (v < scaled ? alphaBits : 0);
            out[i] = g[i] * Float.intBitsToFloat(mask);
        }
    }

    /**
     * out[oo + i] = a[ao + i] op b[bo + i] (or op b[bo] when {@code bScalar}) for i &lt; n, for ADD,
     * SUB, MUL and DIV; false for any other op. With three offsets C2 does not vectorise these.
     */
    boolean arithmetic(BinaryOp op, float[] a, int ao, float[] b, int bo, boolean bScalar, float[] out, int oo, int n) {
        if (bScalar) {
            float v = b[bo];
            return switch (op) {
                case ADD -> { for (int i = 0; i < n; i++) out[oo + i] = a[ao + i] + v; yield true; }
                case SUB -> { for (int i = 0; i < n; i++) out[oo + i] = a[ao + i] - v; yield true; }
                case MUL -> { for (int i = 0; i < n; i++) out[oo + i] = a[ao + i] * v; yield true; }
                case DIV -> { for (int i = 0; i < n; i++) out[oo + i] = a[ao + i] / v; yield true; }
                case POW, MAX, MIN, GT, GE, LT, LE, EQ -> false;
            };
        }
        return switch (op) {
            case ADD -> { for (int i = 0; i < n; i++) out[oo + i] = a[ao + i] + b[bo + i]; yield true; }
            case SUB -> { for (int i = 0; i < n; i++) out[oo + i] = a[ao + i] - b[bo + i]; yield true; }
            case MUL -> { for (int i = 0; i < n; i++) out[oo + i] = a[ao + i] * b[bo + i]; yield true; }
            case DIV -> { for (int i = 0; i < n; i++) out[oo + i] = a[ao + i] / b[bo + i]; yield true; }
            case POW, MAX, MIN, GT, GE, LT, LE, EQ -> false;
        };
    }
}

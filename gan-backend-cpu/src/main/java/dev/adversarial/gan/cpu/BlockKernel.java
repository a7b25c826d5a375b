package dev.adversarial.gan.cpu;

import java.lang.System.Logger.Level;

/**
 * What {@link MatMul} needs from a kernel: how to pack a KC-deep block of A and of B into
 * per-thread buffers, and how to multiply two packed blocks into C. MatMul owns the blocking
 * (KC, MC, NC), the buffers and the threads; a kernel owns the layout of its packed blocks.
 *
 * <p>Two implementations: {@code VectorKernel} (a 6×16 register tile on the Vector API, loaded
 * only when the JVM was started with {@code --add-modules jdk.incubator.vector}) and
 * {@link ScalarKernel} (plain Java that C2 auto-vectorises, for every JVM). {@link #selected()}
 * picks once per JVM and logs the choice; {@code -Dgan.cpu.kernel=scalar} forces the fallback.
 *
 * <p>Reproducibility contract, which MatMul's thread split relies on: element C[i][j] of a
 * block product must be computed from row i of the A block, column j of the B block and (unless
 * {@code first}) its previous value alone, by a sequence of float operations fixed by kc alone.
 * Then neither the split of C over threads nor the position of a row or column within a tile or
 * strip can change a single bit, and repeated calls agree.
 */
abstract class BlockKernel {
    /** Rows of C per register tile of the vector kernel; row splits between threads use multiples. */
    static final int MR = 6;
    /** Columns of C per register tile (two 8-lane vectors); column splits use multiples. */
    static final int NR = 16;

    private static final System.Logger LOG = System.getLogger(BlockKernel.class.getName());
    private static final String VECTOR_MODULE = "jdk.incubator.vector";

    /** What the kernel is, for {@code Kernels.device()} and logs, e.g. "vector 256-bit". */
    abstract String description();

    /**
     * Packs op(A)[ic..ic+mc)[pc..pc+kc) into {@code ap} (at least MC·KC floats). A is [m,k]
     * row-major, or [k,m] when {@code ta}.
     */
    abstract void packA(float[] a, boolean ta, int m, int k, int ic, int mc, int pc, int kc, float[] ap);

    /**
     * Packs op(B)[pc..pc+kc)[jc..jc+nc) into {@code bp} (at least KC·NC floats). B is [k,n]
     * row-major, or [n,k] when {@code tb}.
     */
    abstract void packB(float[] b, boolean tb, int n, int k, int pc, int kc, int jc, int nc, float[] bp);

    /**
     * C[r][j] at c[co + r·ldc + j], r &lt; mc, j &lt; nc, is set to ({@code first}) or incremented
     * by the product of the packed blocks. {@code scratch} is per-thread, MR·NR floats.
     */
    abstract void multiply(float[] ap, float[] bp, int mc, int nc, int kc,
                           float[] c, int co, int ldc, boolean first, float[] scratch);

    /** The kernel this JVM uses: the Vector API one when available, else {@link ScalarKernel}. */
    static BlockKernel selected() {
        return Choice.SELECTED;
    }

    /** The Vector API kernel if this JVM can run it well, else null. Never loads it otherwise. */
    static BlockKernel vectorOrNull() {
        if (ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty()) {
            return null;
        }
        try {
            // By name, so that no class the fallback path loads ever links against the Vector API.
            Class<?> type = Class.forName(BlockKernel.class.getPackageName() + ".VectorKernel");
            return (BlockKernel) type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            LOG.log(Level.WARNING, "Vector API present but not used for matmul ({0})", cause.toString());
            return null;
        }
    }

    /** Initialised on first use, so the choice is made and logged exactly once per JVM. */
    private static final class Choice {
        static final BlockKernel SELECTED = choose();

        private static BlockKernel choose() {
            boolean forced = "scalar".equals(System.getProperty("gan.cpu.kernel"));
            BlockKernel k = forced ? null : vectorOrNull();
            if (k != null) {
                LOG.log(Level.INFO, "CPU matmul uses the {0} kernel ({1}×{2} register tile)", k.description(), MR, NR);
                return k;
            }
            if (forced) {
                LOG.log(Level.INFO, "CPU matmul uses the scalar kernel (-Dgan.cpu.kernel=scalar)");
            } else if (ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty()) {
                LOG.log(Level.INFO, "CPU matmul uses the scalar kernel; start the JVM with --add-modules "
                        + VECTOR_MODULE + " for the several times faster vector kernel");
            } else {
                LOG.log(Level.INFO, "CPU matmul uses the scalar kernel");
            }
            return new ScalarKernel();
        }
    }
}

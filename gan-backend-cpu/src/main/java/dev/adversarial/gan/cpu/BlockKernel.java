package dev.adversarial.gan.cpu;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@link MatMul} needs from a kernel: its register tile (MR×NR, {@link #mr()}, {@link
 * #nr()}), how to pack a KC-deep block of A and of B into per-thread buffers, and how to multiply
 * two packed blocks into C. MatMul owns the blocking (KC, MC, NC), the buffers and the threads;
 * a kernel owns the layout of its packed blocks.
 *
 * <p>Three implementations, chosen once per JVM by {@link #selected()} and logged:
 * {@code Vector512Kernel} (a 10×32 tile of 512-bit vectors, for the 32 vector registers of
 * AVX-512), {@code VectorKernel} (a 6×16 tile of 256-bit vectors, for AVX2's 16) and {@link
 * ScalarKernel} (plain Java that C2 auto-vectorises, for every JVM). The two vector kernels
 * share their loops, edge tiles and packing through {@link TileKernel}. The vector kernels are
 * loaded by name, only when the JVM was started with {@code --add-modules jdk.incubator.vector},
 * and each refuses to run where its vectors are not native; the widest that runs is chosen.
 * {@code -Dgan.cpu.kernel=vector512|vector256|scalar} forces one (tests run the contract on each;
 * a forced vector kernel this JVM cannot run natively falls back, with a warning, to the
 * automatic choice).
 *
 * <p>Reproducibility contract, which MatMul's thread split relies on: element C[i][j] of a
 * block product must be computed from row i of the A block, column j of the B block and (unless
 * {@code first}) its previous value alone, by a sequence of float operations fixed by kc alone.
 * Then neither the split of C over threads nor the position of a row or column within a tile or
 * strip can change a single bit, and repeated calls agree. Each kernel keeps the contract on its
 * own; two kernels may round differently from each other.
 */
abstract class BlockKernel {
    /** The system property that forces a kernel. */
    static final String PROPERTY = "gan.cpu.kernel";

    /** The routine choice is logged at debug: Backends logs the device, which names the kernel, once at info. */
    private static final Logger LOG = LoggerFactory.getLogger(BlockKernel.class);
    private static final String VECTOR_MODULE = "jdk.incubator.vector";
    private static final String AUTO = "auto", SCALAR = "scalar", VECTOR256 = "vector256", VECTOR512 = "vector512";

    /** The kernel this JVM uses, and whether -Dgan.cpu.kernel chose it; made once, on first use. */
    record Choice(BlockKernel kernel, boolean forced) {
    }

    private static Choice choice;

    /** Rows of C per register tile; MatMul's row splits and A blocks are whole multiples. */
    abstract int mr();

    /** Columns of C per register tile; MatMul's column splits and B blocks are whole multiples. */
    abstract int nr();

    /** What the kernel is, for {@code Kernels.device()} and logs, e.g. "vector 512-bit 10×32". */
    abstract String description();

    /**
     * Packs op(A)[ic..ic+mc)[pc..pc+kc) into {@code ap} from {@code ap[ao]} on (at least MC·KC
     * floats, plus {@link #packAOverhang()}). A is [m,k] row-major, or [k,m] when {@code ta}.
     */
    abstract void packA(float[] a, boolean ta, int m, int k, int ic, int mc, int pc, int kc, float[] ap, int ao);

    /**
     * How many floats past the end of a packed A block (whole register tiles of rows, kc deep)
     * {@link #packA} may write, with values nothing reads; within {@code ap} only. A buffer that
     * holds several blocks leaves this gap after each, so that threads packing neighbouring
     * blocks never write into each other's.
     */
    int packAOverhang() {
        return 0;
    }

    /**
     * Packs op(B)[pc..pc+kc)[jc..jc+nc) into {@code bp} (at least KC·NC floats). B is [k,n]
     * row-major, or [n,k] when {@code tb}.
     */
    abstract void packB(float[] b, boolean tb, int n, int k, int pc, int kc, int jc, int nc, float[] bp);

    /** Packs B[pc..pc+kc)[jc..jc+nc) of a gathered B into {@code bp}, in the layout of the packB above. */
    abstract void packB(Packing.Gather b, int pc, int kc, int jc, int nc, float[] bp);

    /**
     * C[r][j] at c[co + r·ldc + j], r &lt; mc, j &lt; nc, is set to ({@code first}) or incremented
     * by the product of the packed blocks, A's at ap[ao]. {@code scratch} is per-thread, MR·NR
     * floats.
     */
    abstract void multiply(float[] ap, int ao, float[] bp, int mc, int nc, int kc,
                           float[] c, int co, int ldc, boolean first, float[] scratch);

    /**
     * The kernel this JVM uses: the widest vector kernel that runs natively, else {@link
     * ScalarKernel}, unless {@code -Dgan.cpu.kernel} forces one. Chosen and logged on first use.
     *
     * @throws IllegalArgumentException if the property names no kernel
     */
    static BlockKernel selected() {
        return choice().kernel();
    }

    /** Whether {@link #selected()} is the kernel {@code -Dgan.cpu.kernel} named, not the backend's own choice. */
    static boolean forced() {
        return choice().forced();
    }

    private static synchronized Choice choice() {
        if (choice == null) {
            choice = choose(System.getProperty(PROPERTY, AUTO).trim().toLowerCase(java.util.Locale.ROOT));
        }
        return choice;
    }

    /** The widest Vector API kernel this JVM runs natively, or null. Never loads one otherwise. */
    static BlockKernel vectorOrNull() {
        BlockKernel wide = vectorOrNull(512);
        return wide != null ? wide : vectorOrNull(256);
    }

    /** The Vector API kernel of {@code bits} (256 or 512) if this JVM runs it natively, else null. */
    static BlockKernel vectorOrNull(int bits) {
        if (ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty()) {
            return null;
        }
        String name = bits == 512 ? "Vector512Kernel" : "VectorKernel";
        try {
            // By name, so that no class the fallback path loads ever links against the Vector API.
            Class<?> type = Class.forName(BlockKernel.class.getPackageName() + "." + name);
            return (BlockKernel) type.getDeclaredConstructor().newInstance();
        } catch (java.lang.reflect.InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (!(cause instanceof UnsupportedOperationException)) {
                LOG.warn("Vector API present but {} not used for matmul ({})", name, cause.toString());
            }
            return null; // UnsupportedOperationException: this JVM's vectors are narrower
        } catch (ReflectiveOperationException | LinkageError e) {
            LOG.warn("Vector API present but {} not used for matmul ({})", name, e.toString());
            return null;
        }
    }

    /** The choice for a value of the property (lower case; "" or "auto" for the backend's own). */
    static Choice choose(String property) {
        BlockKernel k;
        String why = null;
        switch (property) {
            case "", AUTO -> k = vectorOrNull();
            case SCALAR -> {
                LOG.debug("CPU matmul uses the scalar kernel (-D{}=scalar)", PROPERTY);
                return new Choice(new ScalarKernel(), true);
            }
            case VECTOR256, VECTOR512 -> {
                k = vectorOrNull(property.equals(VECTOR512) ? 512 : 256);
                why = "-D" + PROPERTY + "=" + property;
                if (k == null) {
                    k = vectorOrNull();
                    LOG.warn("-D{}={} cannot run natively on this JVM; using the {} kernel instead",
                            PROPERTY, property, k == null ? SCALAR : k.description());
                    why = null;
                }
            }
            default -> throw new IllegalArgumentException("-D" + PROPERTY + " must be auto, " + VECTOR512 + ", "
                    + VECTOR256 + " or " + SCALAR + ", got '" + property
                    + "'; leave it unset to let the backend choose");
        }
        if (k != null) {
            LOG.debug("CPU matmul uses the {} kernel ({})", k.description(),
                    why != null ? why : "the widest native float vectors");
            return new Choice(k, why != null);
        }
        if (ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty()) {
            LOG.info("CPU matmul uses the scalar kernel; start the JVM with --add-modules "
                    + VECTOR_MODULE + " for the several times faster vector kernel");
        } else {
            LOG.debug("CPU matmul uses the scalar kernel");
        }
        return new Choice(new ScalarKernel(), false);
    }
}

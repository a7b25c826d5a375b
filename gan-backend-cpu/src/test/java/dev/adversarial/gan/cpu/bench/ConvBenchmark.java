package dev.adversarial.gan.cpu.bench;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Conv2dSpec;
import dev.adversarial.gan.api.Kernels;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.api.Shape;
import dev.adversarial.gan.api.Tensor;
import dev.adversarial.gan.cpu.CpuBackendProvider;
import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The three convolution kernels at the layer shapes of a 28×28 DCGAN (batch 64, kernel 4,
 * stride 2, padding 1), called on the backend's kernels as the training step calls them, pooled
 * output included. Per layer: {@code forward} is the layer's own op, {@code inputGradient} the
 * other convolution kind (conv2d for a ConvTranspose2d layer and the reverse), {@code
 * weightGradient} conv2dWeight. All three of a layer do the same multiply-adds, N·O·OH·OW·C·kh·kw
 * in conv2d's terms: 64·128·7·7·64·16 = 411,041,792 for G1 and D2 (one geometry, the 64 ↔ 128
 * channel layer), 64·64·14·14·1·16 = 12,845,056 for G2 and D1 (the image layer). GFLOP/s =
 * 2·MACs / time. G1's three calls are D2's with the roles of the calls swapped, and G2's are
 * D1's, so each pair should measure alike.
 *
 * <p>Each call also adds the process CPU time it took to {@link CpuTime}: on a machine shared
 * with other work the wall time includes waiting for a core, the CPU time much less so, and
 * 2·MACs·calls / cpuNanos (GFLOP per CPU-second) is the efficiency per core that a quiet machine
 * would multiply by the cores in use.
 *
 * <p>{@code impl} picks the CPU convolution path through {@code -Dgan.cpu.conv}: "packed"
 * (im2col into the matrix kernel, the default) or "direct" (the reference loops), so one run
 * measures both.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xss4m", "--add-modules", "jdk.incubator.vector"})
public class ConvBenchmark {
    /**
     * G1: ConvTranspose2d 128→64, [64,128,7,7] → [64,64,14,14]; G2: ConvTranspose2d 64→1,
     * [64,64,14,14] → [64,1,28,28]; D1: Conv2d 1→64, [64,1,28,28] → [64,64,14,14]; D2: Conv2d
     * 64→128, [64,64,14,14] → [64,128,7,7].
     */
    @Param({"G1", "G2", "D1", "D2"})
    public String layer;

    @Param({"packed", "direct"})
    public String impl;

    /** JMH reports these per iteration beside the time: CPU nanoseconds of all threads, and calls. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class CpuTime {
        private static final com.sun.management.OperatingSystemMXBean OS =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        public long cpuNanos;
        public long calls;

        @Setup(Level.Iteration)
        public void reset() {
            cpuNanos = 0;
            calls = 0;
        }

        long start() {
            return OS.getProcessCpuTime();
        }

        int stop(long start, int result) {
            cpuNanos += OS.getProcessCpuTime() - start;
            calls++;
            return result;
        }
    }

    private final Conv2dSpec spec = Conv2dSpec.of(2, 1);
    private Kernels kernels;
    private Tensor x;       // the layer's input
    private Tensor w;       // its weight
    private Tensor g;       // the gradient of its output
    private boolean transposed;
    private Tensor a;       // the equivalent product's operands
    private Tensor b;
    private Shape cShape;

    @Setup
    public void setUp() {
        System.setProperty("gan.cpu.conv", impl);
        Backend backend = new Backend("cpu", new CpuBackendProvider().create());
        kernels = backend.kernels();
        Rng rng = new Rng(1);
        int[] in;
        int[] out;
        int[] weight;
        switch (layer) {
            case "G1" -> { in = new int[] {64, 128, 7, 7}; out = new int[] {64, 64, 14, 14}; weight = new int[] {128, 64, 4, 4}; }
            case "G2" -> { in = new int[] {64, 64, 14, 14}; out = new int[] {64, 1, 28, 28}; weight = new int[] {64, 1, 4, 4}; }
            case "D1" -> { in = new int[] {64, 1, 28, 28}; out = new int[] {64, 64, 14, 14}; weight = new int[] {64, 1, 4, 4}; }
            case "D2" -> { in = new int[] {64, 64, 14, 14}; out = new int[] {64, 128, 7, 7}; weight = new int[] {128, 64, 4, 4}; }
            default -> throw new IllegalArgumentException("layer must be G1, G2, D1 or D2, got " + layer);
        }
        transposed = layer.startsWith("G");
        // conv2d's side of the geometry: G layers run it from their output to their input.
        int[] convIn = transposed ? out : in, convOut = transposed ? in : out;
        int rows = convIn[1] * weight[2] * weight[3], cols = convIn[0] * convOut[2] * convOut[3];
        a = backend.uniform(rng, -1, 1, convOut[1], rows).keep();
        b = backend.uniform(rng, -1, 1, rows, cols).keep();
        cShape = Shape.of(convOut[1], cols);
        x = backend.uniform(rng, -1, 1, in).keep();
        w = backend.uniform(rng, -1, 1, weight).keep();
        g = backend.uniform(rng, -1, 1, out).keep();
    }

    @Benchmark
    public int forward(CpuTime cpu) {
        Shape out = g.shape();
        long t = cpu.start();
        return cpu.stop(t, done(transposed
                ? kernels.convTranspose2d(x.storage(), x.shape(), w.storage(), w.shape(), spec, out)
                : kernels.conv2d(x.storage(), x.shape(), w.storage(), w.shape(), spec, out), out));
    }

    @Benchmark
    public int inputGradient(CpuTime cpu) {
        Shape out = x.shape();
        long t = cpu.start();
        return cpu.stop(t, done(transposed
                ? kernels.conv2d(g.storage(), g.shape(), w.storage(), w.shape(), spec, out)
                : kernels.convTranspose2d(g.storage(), g.shape(), w.storage(), w.shape(), spec, out), out));
    }

    @Benchmark
    public int weightGradient(CpuTime cpu) {
        Shape out = w.shape();
        // A transposed layer's weight is conv2d's weight with its output gradient as conv2d's input.
        long t = cpu.start();
        return cpu.stop(t, done(transposed
                ? kernels.conv2dWeight(g.storage(), g.shape(), x.storage(), x.shape(), spec, out)
                : kernels.conv2dWeight(x.storage(), x.shape(), g.storage(), g.shape(), spec, out), out));
    }

    /**
     * The matrix product that the packed path's forward call of this layer's geometry makes
     * (conv2d's weight [O, C·kh·kw] times the patches of all 64 images), for the share of the
     * time that goes to everything around the product.
     */
    @Benchmark
    public int sameSizeMatmul(CpuTime cpu) {
        long t = cpu.start();
        return cpu.stop(t, done(kernels.matmul(a.storage(), a.shape(), false, b.storage(), b.shape(), false), cShape));
    }

    private static int done(dev.adversarial.gan.api.Storage s, Shape shape) {
        s.release();
        return shape.size();
    }

    @TearDown
    public void tearDown() {
        x.close();
        w.close();
        g.close();
        a.close();
        b.close();
        System.clearProperty("gan.cpu.conv");
    }
}

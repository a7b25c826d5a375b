package dev.adversarial.gan.cpu.bench;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Backends;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.api.Tensor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * The CPU backend's matrix products at the paper model's shapes, through the public Tensor API
 * (so pooling and dispatch are included). GFLOP/s = 2·m·k·n / time. Shapes are "m x k x n" with
 * a flag for which side is transposed, as in the forward pass (x·Wᵀ) and the two gradients, and
 * the 1024³ product that {@code gan bench} also runs on libtorch as the practical peak.
 *
 * <p>{@code kernel} is {@code -Dgan.cpu.kernel} for the fork (JMH forks once per parameter set,
 * and the backend chooses its kernel once per JVM): {@code -p kernel=vector512,vector256}
 * measures both paths of an AVX-512 machine in one command.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xss4m"})
public class MatMulBenchmark {
    /** m x k x n, then N (plain), T (right side transposed: x·Wᵀ) or L (left transposed: xᵀ·g). */
    @Param({"100x1200x1200:N", "100x784x1200:N", "100x1200x1200:T", "1200x100x1200:L", "100x784x1200:T",
            "1024x1024x1024:N"})
    public String shape;

    /** auto (the backend's own choice), vector512, vector256 or scalar. */
    @Param({"auto"})
    public String kernel;

    private Tensor a;
    private Tensor b;
    private boolean ta;
    private boolean tb;

    @Setup
    public void setUp() {
        String[] parts = shape.split(":");
        String[] d = parts[0].split("x");
        int m = Integer.parseInt(d[0]), k = Integer.parseInt(d[1]), n = Integer.parseInt(d[2]);
        ta = parts[1].equals("L");
        tb = parts[1].equals("T");
        System.setProperty("gan.cpu.kernel", kernel);
        Backend backend = Backends.get("cpu");
        if (!kernel.equals("auto") && !backend.device().contains("forced")) {
            throw new IllegalStateException("-Dgan.cpu.kernel=" + kernel + " cannot run here: " + backend.device());
        }
        Rng rng = new Rng(1);
        a = (ta ? backend.uniform(rng, -1, 1, k, m) : backend.uniform(rng, -1, 1, m, k)).keep();
        b = (tb ? backend.uniform(rng, -1, 1, n, k) : backend.uniform(rng, -1, 1, k, n)).keep();
    }

    @Benchmark
    public float matmul() {
        try (Tensor c = a.matmul(b, ta, tb)) {
            return c.shape().size();
        }
    }

    @TearDown
    public void tearDown() {
        a.close();
        b.close();
    }
}

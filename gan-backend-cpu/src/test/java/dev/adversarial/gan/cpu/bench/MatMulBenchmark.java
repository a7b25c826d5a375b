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
 * a flag for which side is transposed, as in the forward pass (x·Wᵀ) and the two gradients.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xss4m"})
public class MatMulBenchmark {
    /** m x k x n, then N (plain), T (right side transposed: x·Wᵀ) or L (left transposed: xᵀ·g). */
    @Param({"100x1200x1200:N", "100x784x1200:N", "100x1200x1200:T", "1200x100x1200:L", "100x784x1200:T"})
    public String shape;

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
        Backend backend = Backends.get("cpu");
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

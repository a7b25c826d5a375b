package dev.adversarial.gan.cpu.bench;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Backends;
import dev.adversarial.gan.api.GradientTape;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.api.Tensor;
import java.util.List;
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
 * The fused ops of the 28×28 DCGAN's iteration against the compositions they replaced, in one
 * JVM: LeakyReLU 0.2 forward and backward at D's two activation shapes (batch 64), as
 * {@code leakyRelu} (the fused op) and {@code maximumOfScaled} ({@code maximum(mul(0.2))}, which
 * is what Tensor.leakyRelu was); and Adam's step on G's first weight (6272 × 100), fused and as
 * the separate passes Adam made. The compositions run today's kernels, so they also include
 * what the unit-stride comparison loops saved. (gan's Scope is written out in full because
 * JMH's {@code Scope} annotation takes the short name.)
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xss4m", "--add-modules", "jdk.incubator.vector"})
public class FusedOpsBenchmark {
    /** N x C x H x W of the activation. */
    @Param({"64x64x14x14", "64x128x7x7"})
    public String shape;

    private Tensor x;
    private Tensor upstream;
    private Tensor p;
    private Tensor m;
    private Tensor v;
    private Tensor g;

    @Setup
    public void setUp() {
        int[] d = java.util.Arrays.stream(shape.split("x")).mapToInt(Integer::parseInt).toArray();
        Backend backend = Backends.get("cpu");
        Rng rng = new Rng(1);
        x = backend.uniform(rng, -1, 1, d).keep().requiresGrad(true);
        upstream = backend.uniform(rng, -1, 1, d).keep();
        p = backend.uniform(rng, -0.05f, 0.05f, 6272, 100).keep();
        m = backend.uniform(rng, -1e-3f, 1e-3f, 6272, 100).keep();
        v = backend.uniform(rng, 0, 1e-6f, 6272, 100).keep();
        g = backend.uniform(rng, -1e-3f, 1e-3f, 6272, 100).keep();
    }

    private float forwardBackward(boolean fused) {
        try (dev.adversarial.gan.api.Scope s = dev.adversarial.gan.api.Scope.open(); GradientTape tape = GradientTape.open()) {
            Tensor y = fused ? x.leakyRelu(0.2f) : x.maximum(x.mul(0.2f));
            return tape.gradients(y.mul(upstream).sum(), List.of(x), false).get(0).shape().size();
        }
    }

    @Benchmark
    public float leakyRelu() {
        return forwardBackward(true);
    }

    @Benchmark
    public float maximumOfScaled() {
        return forwardBackward(false);
    }

    @Benchmark
    public void adamFused() {
        p.adamStepInPlace(m, v, g, 0.5f, 0.999f, 0.002f, 1e-8f, -4e-4f);
    }

    @Benchmark
    public void adamPasses() {
        try (dev.adversarial.gan.api.Scope s = dev.adversarial.gan.api.Scope.open()) {
            m.mulInPlace(0.5f);
            m.addInPlace(g, 0.5f);
            v.mulInPlace(0.999f);
            v.addInPlace(g.square(), 1 - 0.999f);
            p.addInPlace(m.div(v.div(0.002f).sqrt().add(1e-8f)), -4e-4f);
        }
    }

    @TearDown
    public void tearDown() {
        for (Tensor t : new Tensor[] {x, upstream, p, m, v, g}) {
            t.close();
        }
    }
}

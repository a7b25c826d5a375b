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
 * The broadcasting binary ops of the 28×28 DCGAN's batch norm (batch 64), through the public
 * Tensor API: {@code fullByChannel} is x [N, C, L] times a per-channel [1, C, 1] statistic (a
 * per-row scalar), {@code channelMinusFull} the reverse order [1, C, 1] − [N, C, L] (the
 * operand that broadcasts comes first), {@code biasAdd} the [N, C·L] + [C·L] add of a
 * linear layer's bias (a contiguous row of b per row of a), {@code convBias} a convolution's
 * [1, C, 1, 1] bias over [N, C, √L, √L], and {@code maximumSameShape} / {@code compareSameShape}
 * Math.max and a ≥ mask of two [N, C, L] tensors. L = 1 is the 1-d batch norm after
 * G's first linear layer. (gan's Scope is written out in full because JMH's {@code Scope}
 * annotation takes the short name.)
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xss4m", "--add-modules", "jdk.incubator.vector"})
public class ElementwiseBenchmark {
    /** N x C x L. */
    @Param({"64x64x196", "64x128x49", "64x6272x1"})
    public String shape;

    private Tensor x;
    private Tensor perChannel;
    private Tensor flat;
    private Tensor bias;
    private Tensor other;

    @Setup
    public void setUp() {
        String[] d = shape.split("x");
        int n = Integer.parseInt(d[0]), c = Integer.parseInt(d[1]), l = Integer.parseInt(d[2]);
        Backend backend = Backends.get("cpu");
        Rng rng = new Rng(1);
        x = backend.uniform(rng, -1, 1, n, c, l).keep();
        perChannel = backend.uniform(rng, 0.5f, 1.5f, 1, c, 1).keep();
        flat = backend.uniform(rng, -1, 1, n, c * l).keep();
        bias = backend.uniform(rng, -0.5f, 0.5f, c * l).keep();
        other = backend.uniform(rng, -1, 1, n, c, l).keep();
    }

    @Benchmark
    public int fullByChannel() {
        try (dev.adversarial.gan.api.Scope s = dev.adversarial.gan.api.Scope.open()) {
            return x.mul(perChannel).shape().size();
        }
    }

    @Benchmark
    public int channelMinusFull() {
        try (dev.adversarial.gan.api.Scope s = dev.adversarial.gan.api.Scope.open()) {
            return perChannel.sub(x).shape().size();
        }
    }

    @Benchmark
    public int biasAdd() {
        try (dev.adversarial.gan.api.Scope s = dev.adversarial.gan.api.Scope.open()) {
            return flat.add(bias).shape().size();
        }
    }

    /** Math.max of two same-shape tensors (what the MAX rule composed LeakyReLU from). */
    @Benchmark
    public int maximumSameShape() {
        try (dev.adversarial.gan.api.Scope s = dev.adversarial.gan.api.Scope.open()) {
            return x.maximum(other).shape().size();
        }
    }

    /** A comparison mask of two same-shape tensors, half of its values 1 (the MAX rule's ge mask). */
    @Benchmark
    public int compareSameShape() {
        try (dev.adversarial.gan.api.Scope s = dev.adversarial.gan.api.Scope.open()) {
            return x.ge(other).shape().size();
        }
    }

    /** A convolution's bias [1, C, 1, 1] over its output [N, C, √L, √L] (D's first layer at 64x64x196). */
    @Benchmark
    public int convBias() {
        int side = (int) Math.round(Math.sqrt(x.shape().dim(2)));
        try (dev.adversarial.gan.api.Scope s = dev.adversarial.gan.api.Scope.open()) {
            Tensor image = x.reshape(x.shape().dim(0), x.shape().dim(1), side, side);
            return image.add(perChannel.reshape(1, x.shape().dim(1), 1, 1)).shape().size();
        }
    }

    @TearDown
    public void tearDown() {
        for (Tensor t : new Tensor[] {x, perChannel, flat, bias, other}) {
            t.close();
        }
    }
}

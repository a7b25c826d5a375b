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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The paper model's non-matmul kernels at its shapes, through the public Tensor API (pooling,
 * dispatch and tape recording included): D's maxout over 240 units × 5 pieces on a 200-row batch
 * (real and fake together), forward and forward+backward; G's hidden layer bias + ReLU on
 * 100 × 1200; the output sigmoid on 100 × 784; a dropout mask and its application on 200 × 784.
 * Run with {@code -prof gc} to see the bytes allocated per operation. (gan's Scope is written out
 * in full below because JMH's {@code Scope} annotation takes the short name.)
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xss4m", "--add-modules", "jdk.incubator.vector"})
public class KernelBenchmark {
    private final Backend backend = Backends.get("cpu");
    private final Rng rng = new Rng(1);
    private Tensor pieces;   // 200 x 1200, maxout's linear output
    private Tensor hidden;   // 100 x 1200, G's pre-activation
    private Tensor bias;     // 1200
    private Tensor logits;   // 100 x 784
    private Tensor input;    // 200 x 784, D's input

    @Setup
    public void setUp() {
        pieces = backend.uniform(rng, -1, 1, 200, 1200).keep().requiresGrad(true);
        hidden = backend.uniform(rng, -1, 1, 100, 1200).keep();
        bias = backend.uniform(rng, -1, 1, 1200).keep();
        logits = backend.uniform(rng, -4, 4, 100, 784).keep();
        input = backend.uniform(rng, 0, 1, 200, 784).keep();
    }

    @Benchmark
    public float maxoutForward() {
        try (dev.adversarial.gan.api.Scope s = dev.adversarial.gan.api.Scope.open()) {
            return pieces.reshape(200, 240, 5).max(2, false).shape().size();
        }
    }

    @Benchmark
    public float maxoutForwardBackward() {
        try (dev.adversarial.gan.api.Scope s = dev.adversarial.gan.api.Scope.open();
             GradientTape tape = GradientTape.open()) {
            Tensor out = pieces.reshape(200, 240, 5).max(2, false).sum();
            return tape.gradients(out, List.of(pieces), false).get(0).shape().size();
        }
    }

    @Benchmark
    public float biasRelu() {
        try (dev.adversarial.gan.api.Scope s = dev.adversarial.gan.api.Scope.open()) {
            return hidden.add(bias).relu().shape().size();
        }
    }

    @Benchmark
    public float sigmoid() {
        try (dev.adversarial.gan.api.Scope s = dev.adversarial.gan.api.Scope.open()) {
            return logits.sigmoid().shape().size();
        }
    }

    @Benchmark
    public float dropout() {
        try (dev.adversarial.gan.api.Scope s = dev.adversarial.gan.api.Scope.open()) {
            return input.mul(backend.bernoulli(rng, 0.8, 200, 784)).mul(1.25f).shape().size();
        }
    }

    @TearDown
    public void tearDown() {
        for (Tensor t : new Tensor[] {pieces, hidden, bias, logits, input}) {
            t.close();
        }
    }
}

package dev.adversarial.gan.cpu.bench;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Backends;
import dev.adversarial.gan.api.GradientTape;
import dev.adversarial.gan.api.Kernels;
import dev.adversarial.gan.api.Normalization;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.api.Shape;
import dev.adversarial.gan.api.Storage;
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
 * Batch norm at the 28×28 DCGAN's normalized shapes (batch 64; 64x6272x1x1 stands for its
 * BatchNorm1d over [64, 6272]): {@code channelSums} is the reduction the composed op started with
 * (sums along the last axis of the [N, C, H·W] view, one per image and channel),
 * {@code trainingStep} the whole training-mode op forward and backward to its input, weight and
 * bias through the public API, {@code fusedKernels} the backend's two batch-norm kernels alone
 * (the output standing in for its gradient). (gan's Scope is written out in full because JMH's
 * {@code Scope} annotation takes the short name.)
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xss4m", "--add-modules", "jdk.incubator.vector"})
public class BatchNormBenchmark {
    /** N x C x H x W. */
    @Param({"64x64x14x14", "64x128x7x7", "64x6272x1x1"})
    public String shape;

    private Tensor x;
    private Tensor weight;
    private Tensor bias;
    private Tensor runningMean;
    private Tensor runningVar;
    private int n;
    private int c;
    private int plane;

    @Setup
    public void setUp() {
        String[] d = shape.split("x");
        n = Integer.parseInt(d[0]);
        c = Integer.parseInt(d[1]);
        plane = Integer.parseInt(d[2]) * Integer.parseInt(d[3]);
        Backend backend = Backends.get("cpu");
        Rng rng = new Rng(1);
        x = backend.uniform(rng, -1, 1, n, c, Integer.parseInt(d[2]), Integer.parseInt(d[3])).keep().requiresGrad(true);
        weight = backend.uniform(rng, 0.5f, 1.5f, c).keep().requiresGrad(true);
        bias = backend.uniform(rng, -0.5f, 0.5f, c).keep().requiresGrad(true);
        runningMean = backend.zeros(c).keep();
        runningVar = backend.ones(c).keep();
    }

    @Benchmark
    public float channelSums() {
        try (dev.adversarial.gan.api.Scope s = dev.adversarial.gan.api.Scope.open()) {
            return x.reshape(n, c, plane).sum(2, true).shape().size();
        }
    }

    @Benchmark
    public float trainingStep() {
        try (dev.adversarial.gan.api.Scope s = dev.adversarial.gan.api.Scope.open();
             GradientTape tape = GradientTape.open()) {
            Tensor y = Normalization.batchNorm(x, runningMean, runningVar, weight, bias, true, 0.1f, 1e-5f);
            return tape.gradients(y.square().sum(), List.of(x, weight, bias), false).get(0).shape().size();
        }
    }

    /**
     * The fused kernels alone, forward and backward to input, weight and bias: what
     * {@code trainingStep} spends in batch norm itself, without the tape and the loss.
     */
    @Benchmark
    public float fusedKernels() {
        Kernels k = x.backend().kernels();
        Shape view = Shape.of(n, c, plane);
        Kernels.BatchNormOutput out = k.batchNormForward(x.storage(), view, weight.storage(), bias.storage(), 1e-5f);
        Kernels.BatchNormGradients grads = k.batchNormBackward(out.y(), x.storage(), view, out.mean(), out.variance(),
                weight.storage(), 1e-5f, true, true, true);
        for (Storage s : new Storage[] {out.y(), out.mean(), out.variance(), grads.input(), grads.weight(), grads.bias()}) {
            s.release();
        }
        return view.size();
    }

    @TearDown
    public void tearDown() {
        for (Tensor t : new Tensor[] {x, weight, bias, runningMean, runningVar}) {
            t.close();
        }
    }
}

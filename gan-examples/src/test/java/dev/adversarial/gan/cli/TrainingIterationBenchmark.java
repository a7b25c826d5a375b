package dev.adversarial.gan.cli;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Backends;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.core.train.AdversarialTrainer;
import dev.adversarial.gan.recipes.Recipe;
import dev.adversarial.gan.recipes.Settings;
import java.util.Map;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * One whole paper-mnist training iteration (both players' steps, batch 100, dropout on), as
 * {@code gan bench} times it, under JMH so that {@code -prof gc} can report the Java heap
 * allocated per iteration in steady state. The model's float buffers come from the backend's
 * pool (CPU) or native memory (DJL), so what remains per iteration is the graph's bookkeeping.
 * Uses MNIST from the cache (fetched on first use).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xss4m", "--add-modules", "jdk.incubator.vector", "-Dai.djl.offline=true"})
public class TrainingIterationBenchmark {
    @Param({"cpu", "djl"})
    public String backend;

    private AdversarialTrainer trainer;

    @Setup
    public void setUp() throws Exception {
        Recipe recipe = Wiring.injector().getInstance(Recipes.class).recipe("paper-mnist");
        Backend b = Backends.get(backend);
        Settings s = recipe.settings(Map.of());
        trainer = recipe.trainer(b, s, recipe.trainingData(s), new Rng(2014));
    }

    @Benchmark
    public long iteration() {
        trainer.trainIterations(1);
        return trainer.iteration();
    }
}

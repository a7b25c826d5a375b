package dev.adversarial.gan.backends;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Backends;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.core.data.ArrayDataset;
import dev.adversarial.gan.core.train.AdversarialTrainer;
import dev.adversarial.gan.core.train.GanModel;
import dev.adversarial.gan.core.train.IterationMetrics;
import dev.adversarial.gan.core.train.TrainingListener;
import dev.adversarial.gan.recipes.PaperMnistRecipe;
import dev.adversarial.gan.recipes.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The paper's model trained for 2,000 iterations on the DJL backend keeps native memory bounded:
 * every intermediate NDArray is freed by the trainer's per-iteration Scope. Measured as the
 * process's resident size (the JVM heap is capped at 1 GiB by the module's test arguments, so
 * growth is native): after a 200-iteration warm-up, it may not grow by more than
 * {@link #GROWTH_BOUND_MB}. A leak of one 100×1200 float array per iteration would add 900 MB.
 */
@Tag("slow")
class DjlMemoryTest {
    static final int ITERATIONS = 2000;
    static final int WARM_UP = 200;
    static final long GROWTH_BOUND_MB = 150;

    static long residentMegabytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    @Test
    void twoThousandPaperIterationsStayWithinTheBound() {
        assumeTrue(residentMegabytes() > 0, "needs Linux /proc/self/status");
        Backend b = Backends.get("djl");
        PaperMnistRecipe recipe = new PaperMnistRecipe();
        Settings s = recipe.settings(Map.of());
        // Synthetic images stand in for MNIST: memory does not depend on what the pixels show.
        Rng dataRng = new Rng(3);
        float[] pixels = new float[2000 * 784];
        dataRng.fillUniform(pixels, 0, 1);
        ArrayDataset data = new ArrayDataset("uniform-noise-images", pixels, new int[] {784}, null);
        Rng rng = new Rng(1);
        GanModel model = recipe.model(b, rng, s, data);
        AdversarialTrainer trainer = new AdversarialTrainer(b, model, recipe.discriminatorOptimizer(model, s),
                recipe.generatorOptimizer(model, s), data, recipe.training(s), rng);
        long[] atWarmUp = {0};
        long[] peak = {0};
        trainer.addListener(new TrainingListener() {
            @Override
            public void onIteration(AdversarialTrainer t, IterationMetrics m) {
                if (m.iteration() == WARM_UP) {
                    atWarmUp[0] = residentMegabytes();
                } else if (m.iteration() > WARM_UP && m.iteration() % 50 == 0) {
                    peak[0] = Math.max(peak[0], residentMegabytes());
                }
            }
        });
        trainer.train(ITERATIONS / trainer.iterationsPerEpoch());
        assertThat(trainer.iteration()).isEqualTo(ITERATIONS);
        System.out.printf("DJL paper model: resident %d MB after %d iterations, peak %d MB up to %d%n",
                atWarmUp[0], WARM_UP, peak[0], ITERATIONS);
        assertThat(peak[0] - atWarmUp[0]).as("resident growth in MB after warm-up").isLessThan(GROWTH_BOUND_MB);
    }
}

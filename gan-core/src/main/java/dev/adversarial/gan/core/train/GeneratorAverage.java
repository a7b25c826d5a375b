package dev.adversarial.gan.core.train;

import dev.adversarial.gan.api.GradientTape;
import dev.adversarial.gan.api.Layer;
import dev.adversarial.gan.api.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An exponential moving average of G's state (weights and buffers): after every generator step,
 * {@code average = β·average + (1 − β)·current}, starting from G's initial state. Samples from
 * the average are usually better than from the last G (Yazıcı et al. 2019; Karras et al. use it
 * in every StyleGAN). Kept in checkpoints under {@code ema.} and used for sampling, evaluation
 * and export unless the raw G is asked for.
 */
public final class GeneratorAverage implements AutoCloseable {
    private final Layer generator;
    private final float beta;
    private final Map<String, Tensor> average = new LinkedHashMap<>();

    public GeneratorAverage(Layer generator, double beta) {
        if (!(beta > 0 && beta < 1)) {
            throw new IllegalArgumentException("The generator average's beta must be in (0, 1), got " + beta);
        }
        this.generator = generator;
        this.beta = (float) beta;
        generator.stateDict().forEach((name, t) -> {
            Tensor copy = t.backend().zeros(t.shape()).keep();
            copy.assign(t);
            average.put(name, copy);
        });
    }

    /** One step of the average towards G's current state. */
    public void update() {
        try (GradientTape.Pause pause = GradientTape.noGrad()) {
            Map<String, Tensor> current = generator.stateDict();
            average.forEach((name, avg) -> {
                avg.mulInPlace(beta);
                avg.addInPlace(current.get(name), 1f - beta);
            });
        }
    }

    public double beta() {
        return beta;
    }

    /** The averaged state by G's state-dict names (live tensors; load them into a copy of G to sample). */
    public Map<String, Tensor> state() {
        return Collections.unmodifiableMap(average);
    }

    /** Replaces the average, e.g. from a checkpoint; the names and shapes must be G's. */
    public void load(Map<String, Tensor> state) {
        if (!state.keySet().equals(average.keySet())) {
            throw new IllegalArgumentException("The saved generator average has entries " + state.keySet()
                    + " but the generator has " + average.keySet());
        }
        average.forEach((name, avg) -> avg.assign(state.get(name)));
    }

    @Override
    public void close() {
        average.values().forEach(Tensor::close);
    }
}

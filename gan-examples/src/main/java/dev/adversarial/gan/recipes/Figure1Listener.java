package dev.adversarial.gan.recipes;

import dev.adversarial.gan.api.Module;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.api.Scope;
import dev.adversarial.gan.core.data.GaussianMixture1D;
import dev.adversarial.gan.core.train.AdversarialTrainer;
import dev.adversarial.gan.core.train.GanModel;
import dev.adversarial.gan.core.train.Sampler;
import dev.adversarial.gan.core.train.TrainingListener;
import dev.adversarial.gan.eval.figures.Figure1Plot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Records p_data, p_g (a kernel estimate from 20,000 samples) and D(x) on a grid after the first
 * epoch, a third and two thirds of the way, and at the last epoch, and redraws figure-1.png each
 * time. Its samples come from its own Rng, so drawing the figure does not change training. A
 * resumed run keeps the panels drawn before it stopped (figure-1.png.panels.json).
 */
final class Figure1Listener implements TrainingListener {
    private static final int GRID = 241;
    private static final int SAMPLES = 20_000;

    private final Path file;
    private final GaussianMixture1D data;
    private final long seed;
    private final List<Figure1Plot.Snapshot> panels = new ArrayList<>();
    private final double[] x = new double[GRID];
    private final Set<Integer> moments = new TreeSet<>();

    Figure1Listener(Path file, GaussianMixture1D data, long seed, int totalEpochs) {
        this.file = file;
        this.data = data;
        this.seed = seed;
        moments.addAll(List.of(1, Math.max(1, Math.round(totalEpochs / 3f)), Math.max(1, Math.round(2 * totalEpochs / 3f)),
                totalEpochs));
        double sd = Math.sqrt(data.variance()), lo = data.mean() - 4 * sd, hi = data.mean() + 4 * sd;
        for (int i = 0; i < GRID; i++) {
            x[i] = lo + (hi - lo) * i / (GRID - 1);
        }
    }

    /** A resumed run starts from the panels drawn before it stopped (see {@link Figure1Panels}). */
    @Override
    public void onStart(AdversarialTrainer t) {
        panels.clear();
        if (t.iteration() > 0) {
            panels.addAll(Figure1Panels.load(file, t.epoch(), moments));
        }
    }

    @Override
    public void onEpochEnd(AdversarialTrainer t, int epoch) {
        if (moments.contains(epoch)) {
            snapshot(t, "epoch " + epoch);
        }
    }

    private void snapshot(AdversarialTrainer t, String label) {
        GanModel m = t.model();
        float[] samples = Sampler.generate(m, t.backend(), Sampler.noise(m.prior(), new Rng(seed ^ 0xF16L), SAMPLES),
                SAMPLES, 5000);
        double[] pData = new double[GRID], d = new double[GRID];
        float[] grid = new float[GRID];
        for (int i = 0; i < GRID; i++) {
            pData[i] = data.density(x[i]);
            grid[i] = (float) x[i];
        }
        Module disc = m.discriminator();
        try (Scope s = Scope.open()) {
            disc.eval();
            float[] out = disc.forward(t.backend().tensor(grid, GRID, 1)).sigmoid().toArray();
            for (int i = 0; i < GRID; i++) {
                d[i] = out[i];
            }
        } finally {
            disc.train();
        }
        panels.add(new Figure1Plot.Snapshot(label, x.clone(), pData, Figure1Plot.kernelDensity(samples, x), d));
        try {
            Figure1Panels.save(file, panels);
            Figure1Plot.write(panels, file);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not draw " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Figure1Listener(%s)", file);
    }
}

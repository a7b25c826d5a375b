package dev.adversarial.gan.recipes;

import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.core.data.Mixture2D;
import dev.adversarial.gan.core.train.TrainingView;
import dev.adversarial.gan.core.train.EpochMetrics;
import dev.adversarial.gan.core.train.GanModel;
import dev.adversarial.gan.core.train.Sampler;
import dev.adversarial.gan.core.train.TrainingListener;
import dev.adversarial.gan.eval.figures.ModeScatterPlot;
import dev.adversarial.gan.eval.toy.ModeCoverage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Every {@code every} epochs and at the last one, scores {@link ModeCoverage#PAPER_SAMPLES} samples
 * of G on the 2-D mixture (VEEGAN's definitions) into metrics.csv and redraws them over the modes.
 * The noise is the same fixed batch each time (this listener's own Rng), so successive plots show
 * the same points moving, and measuring does not change training.
 */
final class ModeCoverageListener implements TrainingListener, EpochMetrics {
    static final List<String> COLUMNS = List.of("modes_covered", "high_quality_share");

    private final Path png;
    private final Mixture2D mixture;
    private final long seed;
    private final int every;
    private final int totalEpochs;

    ModeCoverageListener(Path png, Mixture2D mixture, long seed, int every, int totalEpochs) {
        this.png = png;
        this.mixture = mixture;
        this.seed = seed;
        this.every = every;
        this.totalEpochs = totalEpochs;
    }

    @Override
    public List<String> columns() {
        return COLUMNS;
    }

    @Override
    public double[] measure(TrainingView t, int epoch) {
        if (epoch % every != 0 && epoch != totalEpochs) {
            return new double[] {Double.NaN, Double.NaN};
        }
        GanModel m = t.model();
        int n = ModeCoverage.PAPER_SAMPLES;
        float[] points = Sampler.generate(m, t.backend(), Sampler.noise(m.prior(), new Rng(seed ^ 0x2DL), n), n, n);
        ModeCoverage.Result r = ModeCoverage.compute(mixture, points, n, ModeCoverage.DEFAULT_MIN_COUNT);
        try {
            ModeScatterPlot.write(points, mixture, png, String.format(Locale.ROOT, "%s, epoch %d: %d of %d modes, %.1f%% high"
                    + " quality", mixture.name(), epoch, r.modesCovered(), r.modeCount(), 100 * r.highQualityShare()));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not draw " + png + ": " + e.getMessage(), e);
        }
        return new double[] {r.modesCovered(), r.highQualityShare()};
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "ModeCoverageListener(%s, every %d epochs)", mixture.name(), every);
    }
}

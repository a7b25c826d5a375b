package dev.adversarial.gan.recipes;

import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.core.data.GaussianMixture1D;
import dev.adversarial.gan.core.train.TrainingView;
import dev.adversarial.gan.core.train.EpochMetrics;
import dev.adversarial.gan.core.train.GanModel;
import dev.adversarial.gan.core.train.Sampler;
import dev.adversarial.gan.core.train.TrainingListener;
import dev.adversarial.gan.eval.figures.Figure1Plot;
import dev.adversarial.gan.eval.figures.TheoryPlot;
import dev.adversarial.gan.eval.theory.Toy1dTheory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The paper's theory, every epoch of a one-dimensional run ({@link Toy1dTheory}): V(D, G), C(G),
 * −log 4 + 2·JSD, JSD and the mean |D(x) − ½| under p_data go to metrics.csv, and at the
 * figure's moments the Wasserstein-1 distance of 100,000 samples to p_data; theory.png plots them by epoch (read back from metrics.csv,
 * so a resumed run's plot is whole). figure-1.png draws p_data, p_g (exact, by change of
 * variables), D and D* after the first epoch, a third and two thirds of the way, and at the last
 * epoch; a resumed run keeps the panels drawn before it stopped (figure-1.png.panels.json).
 * Samples come from this listener's own Rng, so measuring does not change training.
 */
final class Figure1Listener implements TrainingListener, EpochMetrics {
    /** Points per panel of figure-1.png. */
    private static final int PLOT_POINTS = 401;
    /** Samples of G for the Wasserstein-1 distance. */
    static final int SAMPLES = 100_000;
    static final List<String> COLUMNS = List.of("v_d_g", "c_g", "minus_log4_plus_2jsd", "jsd", "mean_abs_d_minus_half",
            "w1", "p_g_mass");

    private final Path figure;
    private final Path theoryPng;
    private final Path metricsCsv;
    private final GaussianMixture1D data;
    private final long seed;
    private final List<Figure1Plot.Snapshot> panels = new ArrayList<>();
    private final Set<Integer> moments = new TreeSet<>();
    private final double plotLo;
    private final double plotHi;
    private Toy1dTheory.Snapshot last;
    private int lastEpoch = -1;

    Figure1Listener(Path runDir, GaussianMixture1D data, long seed, int totalEpochs) {
        this.figure = runDir.resolve("figure-1.png");
        this.theoryPng = runDir.resolve("theory.png");
        this.metricsCsv = runDir.resolve("metrics.csv");
        this.data = data;
        this.seed = seed;
        moments.addAll(List.of(1, Math.max(1, Math.round(totalEpochs / 3f)), Math.max(1, Math.round(2 * totalEpochs / 3f)),
                totalEpochs));
        double sd = Math.sqrt(data.variance());
        plotLo = data.mean() - 4 * sd;
        plotHi = data.mean() + 4 * sd;
    }

    @Override
    public List<String> columns() {
        return COLUMNS;
    }

    /** The theory every epoch; W1 (100,000 samples through G, the slow part) at the figure's moments only. */
    @Override
    public double[] measure(TrainingView t, int epoch) {
        Toy1dTheory.Snapshot s = evaluate(t, epoch);
        var v = s.values();
        return new double[] {v.valueOfD(), v.cOfG(), v.theorem1(), v.jsd(), v.meanAbsDMinusHalf(), s.w1(), v.massG()};
    }

    /** The evaluation at this epoch's end, computed once whether metrics.csv or the figure asks first. */
    private Toy1dTheory.Snapshot evaluate(TrainingView t, int epoch) {
        if (epoch != lastEpoch) {
            GanModel m = t.model();
            float[] samples = !moments.contains(epoch) ? null : Sampler.generate(m, t.backend(),
                    Sampler.noise(m.prior(), new Rng(seed ^ 0xF16L), SAMPLES), SAMPLES, 10_000);
            last = Toy1dTheory.evaluate(m, t.backend(), data, samples);
            lastEpoch = epoch;
        }
        return last;
    }

    /** A resumed run starts from the panels drawn before it stopped (see {@link Figure1Panels}). */
    @Override
    public void onStart(TrainingView t) {
        panels.clear();
        if (t.iteration() > 0) {
            panels.addAll(Figure1Panels.load(figure, t.epoch(), moments));
        }
    }

    @Override
    public void onEpochEnd(TrainingView t, int epoch) {
        try {
            if (moments.contains(epoch)) {
                panels.add(panel(evaluate(t, epoch), "epoch " + epoch));
                Figure1Panels.save(figure, panels);
                Figure1Plot.write(panels, figure);
            }
            if (Files.exists(metricsCsv)) {
                List<TheoryPlot.Point> points = readTheory(metricsCsv);
                if (!points.isEmpty()) {
                    TheoryPlot.write(points, theoryPng, "Theorem 1 and Proposition 2 during training");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not draw " + figure + " or " + theoryPng + ": " + e.getMessage(), e);
        }
    }

    /** The snapshot's curves between mean ± 4 sd of p_data, thinned to {@link #PLOT_POINTS} points. */
    private Figure1Plot.Snapshot panel(Toy1dTheory.Snapshot s, String label) {
        double[] x = s.x();
        int from = 0;
        while (from < x.length - 1 && x[from] < plotLo) {
            from++;
        }
        int to = x.length;
        while (to > from + 1 && x[to - 1] > plotHi) {
            to--;
        }
        int stride = Math.max(1, (to - from) / (PLOT_POINTS - 1));
        int n = (to - from + stride - 1) / stride;
        double[][] c = new double[5][n];
        for (int k = 0; k < n; k++) {
            int i = from + k * stride;
            c[0][k] = x[i];
            c[1][k] = s.pData()[i];
            c[2][k] = s.pG()[i];
            c[3][k] = s.d()[i];
            c[4][k] = s.dStar()[i];
        }
        return new Figure1Plot.Snapshot(label, c[0], c[1], c[2], c[3], c[4]);
    }

    /** The rows of metrics.csv that carry this listener's columns. */
    static List<TheoryPlot.Point> readTheory(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        List<String> header = List.of(lines.get(0).split(",", -1));
        int epoch = header.indexOf("epoch"), v = header.indexOf("v_d_g"), c = header.indexOf("c_g"), j = header.indexOf("jsd");
        List<TheoryPlot.Point> points = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            if (f.length == header.size() && !f[c].isEmpty()) {
                points.add(new TheoryPlot.Point(Integer.parseInt(f[epoch]), Double.parseDouble(f[v]),
                        Double.parseDouble(f[c]), Double.parseDouble(f[j])));
            }
        }
        return points;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Figure1Listener(%s)", figure);
    }
}

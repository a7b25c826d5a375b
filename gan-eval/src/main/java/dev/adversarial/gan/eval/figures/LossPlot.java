package dev.adversarial.gan.eval.figures;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The training curves as one PNG: the two losses on top, the discriminator's mean outputs on
 * real and generated data below (both near 1/2 is the game's equilibrium; D(G(z)) stuck near 0
 * with D(x) near 1 is what a collapsing or losing generator looks like). Points are averaged
 * over windows so that thousands of iterations stay readable.
 */
public final class LossPlot {
    private LossPlot() {
    }

    /** One row of the metrics: iteration, d loss, g loss, mean D(x), mean D(G(z)). */
    public record Point(long iteration, double dLoss, double gLoss, double dReal, double dFake) {
    }

    public static void write(List<Point> points, Path file, String title) throws IOException {
        int window = Math.max(1, points.size() / 400);
        XYSeries d = new XYSeries("D loss"), g = new XYSeries("G loss");
        XYSeries real = new XYSeries("mean D(x)"), fake = new XYSeries("mean D(G(z))");
        for (int i = 0; i + window <= points.size(); i += window) {
            double sd = 0, sg = 0, sr = 0, sf = 0;
            for (int j = i; j < i + window; j++) {
                Point p = points.get(j);
                sd += p.dLoss();
                sg += p.gLoss();
                sr += p.dReal();
                sf += p.dFake();
            }
            long x = points.get(i + window - 1).iteration();
            d.add(x, sd / window);
            g.add(x, sg / window);
            real.add(x, sr / window);
            fake.add(x, sf / window);
        }
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(new NumberAxis("iteration"));
        plot.add(panel(new XYSeriesCollection(d), g, "loss"), 3);
        XYPlot scores = panel(new XYSeriesCollection(real), fake, "discriminator output");
        scores.getRangeAxis().setRange(0, 1);
        plot.add(scores, 2);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        ChartFiles.writePng(chart, file, 900, 600);
    }

    private static XYPlot panel(XYSeriesCollection data, XYSeries second, String label) {
        data.addSeries(second);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        r.setSeriesPaint(0, new Color(31, 119, 180));
        r.setSeriesPaint(1, new Color(214, 39, 40));
        r.setSeriesStroke(0, new BasicStroke(1.5f));
        r.setSeriesStroke(1, new BasicStroke(1.5f));
        NumberAxis axis = new NumberAxis(label);
        axis.setAutoRangeIncludesZero(false);
        XYPlot p = new XYPlot(data, null, axis, r);
        p.setBackgroundPaint(Color.WHITE);
        p.setDomainGridlinePaint(Color.LIGHT_GRAY);
        p.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return p;
    }
}

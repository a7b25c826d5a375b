package dev.adversarial.gan.eval.figures;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The paper's theory during a one-dimensional run, by epoch. Top: the value V(D, G) of the trained
 * discriminator, the virtual training criterion C(G) = V(D*, G), and its global minimum −log 4
 * (Theorem 1); Proposition 2 says C(G) falls to −log 4 when D is kept near D*. Bottom, on a log
 * scale: how far D is from optimal, C(G) − V(D, G) ≥ 0, and JSD(p_data ‖ p_g).
 */
public final class TheoryPlot {
    private TheoryPlot() {
    }

    /** One epoch's numbers. */
    public record Point(int epoch, double valueOfD, double cOfG, double jsd) {
    }

    public static void write(List<Point> points, Path file, String title) throws IOException {
        XYSeries v = new XYSeries("V(D, G), trained D"), c = new XYSeries("C(G) = V(D*, G)");
        XYSeries floor = new XYSeries("-log 4"), gap = new XYSeries("C(G) - V(D, G)"), jsd = new XYSeries("JSD(p_data || p_g)");
        for (Point p : points) {
            v.add(p.epoch(), p.valueOfD());
            c.add(p.epoch(), p.cOfG());
            floor.add(p.epoch(), -Math.log(4));
            // A log axis shows positive values only; an exact zero (D = D*, p_g = p_data) is left out.
            if (p.cOfG() - p.valueOfD() > 0) {
                gap.add(p.epoch(), p.cOfG() - p.valueOfD());
            }
            if (p.jsd() > 0) {
                jsd.add(p.epoch(), p.jsd());
            }
        }
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(new NumberAxis("epoch"));
        NumberAxis values = new NumberAxis("nats");
        values.setAutoRangeIncludesZero(false);
        plot.add(panel(values, v, c, floor), 3);
        LogAxis log = new LogAxis("nats (log scale)");
        log.setSmallestValue(1e-7);
        plot.add(panel(log, gap, jsd), 2);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        ChartFiles.writePng(chart, file, 900, 600);
    }

    private static XYPlot panel(ValueAxis axis, XYSeries... series) {
        XYSeriesCollection data = new XYSeriesCollection();
        Color[] colours = {new Color(31, 119, 180), new Color(0, 150, 0), Color.BLACK};
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < series.length; i++) {
            data.addSeries(series[i]);
            r.setSeriesPaint(i, colours[i]);
            r.setSeriesStroke(i, i == 2 ? new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f,
                    new float[] {4f, 4f}, 0f) : new BasicStroke(1.8f));
        }
        XYPlot p = new XYPlot(data, null, axis, r);
        p.setBackgroundPaint(Color.WHITE);
        p.setDomainGridlinePaint(Color.LIGHT_GRAY);
        p.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return p;
    }
}

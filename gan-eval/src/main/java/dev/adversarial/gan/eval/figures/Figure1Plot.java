package dev.adversarial.gan.eval.figures;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedRangeXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The paper's Figure 1 for a one-dimensional game: side by side, at several moments of training,
 * the data density (black, dashed), the generator's density (green), the discriminator's output
 * D(x) (blue) and the optimal discriminator D* = p_data / (p_data + p_g) of Proposition 1 (blue,
 * dotted). At the game's end p_g covers p_data and both D and D* are ½.
 */
public final class Figure1Plot {
    private Figure1Plot() {
    }

    /** One panel: the four curves over a common grid of x values (D* may be NaN where both densities vanish). */
    public record Snapshot(String label, double[] x, double[] pData, double[] pG, double[] d, double[] dStar) {
    }

    public static void write(List<Snapshot> panels, Path file) throws IOException {
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("Figure 1 needs at least one snapshot");
        }
        // Room for p_data and D, but not for a spike of p_g at a fold of G, which would flatten everything else.
        double top = 1.0;
        for (Snapshot s : panels) {
            for (int i = 0; i < s.x().length; i++) {
                top = Math.max(top, 1.5 * s.pData()[i]);
            }
        }
        NumberAxis y = new NumberAxis("density, D(x)");
        y.setRange(0, top * 1.05);
        CombinedRangeXYPlot plot = new CombinedRangeXYPlot(y);
        for (Snapshot s : panels) {
            XYSeriesCollection data = new XYSeriesCollection();
            data.addSeries(series("p_data", s.x(), s.pData()));
            data.addSeries(series("p_g", s.x(), s.pG()));
            data.addSeries(series("D(x)", s.x(), s.d()));
            data.addSeries(series("D*(x)", s.x(), s.dStar()));
            XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
            r.setSeriesPaint(0, Color.BLACK);
            r.setSeriesStroke(0, new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {4f, 4f}, 0f));
            r.setSeriesPaint(1, new Color(0, 150, 0));
            r.setSeriesStroke(1, new BasicStroke(2f));
            r.setSeriesPaint(2, new Color(30, 80, 220));
            r.setSeriesStroke(2, new BasicStroke(2f));
            r.setSeriesPaint(3, new Color(30, 80, 220));
            r.setSeriesStroke(3, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {1.5f, 3f}, 0f));
            XYPlot p = new XYPlot(data, new NumberAxis(s.label()), null, r);
            p.setBackgroundPaint(Color.WHITE);
            p.setDomainGridlinePaint(Color.LIGHT_GRAY);
            p.setRangeGridlinePaint(Color.LIGHT_GRAY);
            plot.add(p);
        }
        JFreeChart chart = new JFreeChart("Figure 1: p_data (black, dashed), p_g (green), D(x) (blue), D* (blue, dotted)",
                JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        ChartFiles.writePng(chart, file, 300 * panels.size(), 360);
    }

    private static XYSeries series(String name, double[] x, double[] y) {
        XYSeries s = new XYSeries(name, false, true);
        for (int i = 0; i < x.length; i++) {
            if (!Double.isNaN(y[i])) {
                s.add(x[i], y[i]);
            }
        }
        return s;
    }
}

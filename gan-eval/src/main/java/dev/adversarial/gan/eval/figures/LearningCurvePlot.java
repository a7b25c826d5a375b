package dev.adversarial.gan.eval.figures;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * A metric against training epochs, one stacked panel per metric, each point with its error bar
 * and an optional dashed reference line (the paper's 225 for Parzen, the real-data floor for FID).
 */
public final class LearningCurvePlot {
    private LearningCurvePlot() {
    }

    /** One point: the epoch, the value and its standard error (0 when there is none). */
    public record Point(double epoch, double value, double error) {
    }

    /** One panel: its axis label, its points, and a reference value to draw (NaN for none). */
    public record Panel(String label, List<Point> points, double reference, String referenceLabel) {
    }

    public static void write(List<Panel> panels, Path file, String title) throws IOException {
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("A learning curve needs at least one metric to draw");
        }
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(new NumberAxis("epoch"));
        for (Panel panel : panels) {
            YIntervalSeries s = new YIntervalSeries(panel.label());
            for (Point p : panel.points()) {
                s.add(p.epoch(), p.value(), p.value() - p.error(), p.value() + p.error());
            }
            YIntervalSeriesCollection data = new YIntervalSeriesCollection();
            data.addSeries(s);
            XYErrorRenderer r = new XYErrorRenderer();
            r.setDefaultLinesVisible(true);
            r.setDrawXError(false);
            r.setSeriesPaint(0, new Color(31, 119, 180));
            r.setSeriesStroke(0, new BasicStroke(1.5f));
            NumberAxis axis = new NumberAxis(panel.label());
            axis.setAutoRangeIncludesZero(false);
            XYPlot p = new XYPlot(data, null, axis, r);
            p.setBackgroundPaint(Color.WHITE);
            p.setDomainGridlinePaint(Color.LIGHT_GRAY);
            p.setRangeGridlinePaint(Color.LIGHT_GRAY);
            if (!Double.isNaN(panel.reference())) {
                ValueMarker m = new ValueMarker(panel.reference(), new Color(214, 39, 40), new BasicStroke(1.2f,
                        BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
                m.setLabel(panel.referenceLabel());
                m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
                m.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
                p.addRangeMarker(m);
                // Keep the reference line in view even when the curve is far from it.
                double lo = Math.min(panel.reference(), min(panel)), hi = Math.max(panel.reference(), max(panel));
                double pad = 0.08 * Math.max(hi - lo, 1e-9);
                axis.setRange(lo - pad, hi + pad);
            }
            plot.add(p, 1);
        }
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        ChartFiles.writePng(chart, file, 900, 300 + 250 * panels.size());
    }

    private static double min(Panel panel) {
        return panel.points().stream().mapToDouble(p -> p.value() - p.error()).min().orElse(panel.reference());
    }

    private static double max(Panel panel) {
        return panel.points().stream().mapToDouble(p -> p.value() + p.error()).max().orElse(panel.reference());
    }
}

package dev.adversarial.gan.eval.figures;

import dev.adversarial.gan.core.data.Mixture2D;
import dev.adversarial.gan.eval.toy.ModeCoverage;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.io.IOException;
import java.nio.file.Path;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Samples of a 2-D generator (green dots) over the mixture's modes, each drawn as a circle of
 * radius 3σ: the region where {@link ModeCoverage} counts a sample as high quality. A collapsed
 * generator shows as empty circles.
 */
public final class ModeScatterPlot {
    private ModeScatterPlot() {
    }

    /** {@code points} as [n, 2] row-major (x, y). */
    public static void write(float[] points, Mixture2D mixture, Path file, String title) throws IOException {
        double[][] modes = mixture.modes();
        double reach = 0;
        for (double[] m : modes) {
            reach = Math.max(reach, Math.max(Math.abs(m[0]), Math.abs(m[1])));
        }
        double edge = reach * 1.5 + 0.5;
        XYSeries samples = new XYSeries("G(z)", false, true);
        for (int i = 0; 2 * i + 1 < points.length; i++) {
            // Points far outside the plot would only stretch JFreeChart's bookkeeping; they are off the axes anyway.
            if (Math.abs(points[2 * i]) <= edge && Math.abs(points[2 * i + 1]) <= edge) {
                samples.add(points[2 * i], points[2 * i + 1]);
            }
        }
        XYSeriesCollection data = new XYSeriesCollection(samples);
        double r = ModeCoverage.QUALITY_STDS * mixture.std();
        for (int k = 0; k < modes.length; k++) {
            XYSeries circle = new XYSeries("mode " + k, false, true);
            for (int a = 0; a <= 48; a++) {
                double t = 2 * Math.PI * a / 48;
                circle.add(modes[k][0] + r * Math.cos(t), modes[k][1] + r * Math.sin(t));
            }
            data.addSeries(circle);
        }
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        renderer.setSeriesShape(0, new Ellipse2D.Double(-1.2, -1.2, 2.4, 2.4));
        renderer.setSeriesPaint(0, new Color(0, 150, 0, 110));
        for (int k = 1; k <= modes.length; k++) {
            renderer.setSeriesLinesVisible(k, true);
            renderer.setSeriesShapesVisible(k, false);
            renderer.setSeriesPaint(k, Color.BLACK);
            renderer.setSeriesStroke(k, new BasicStroke(1.2f));
        }
        NumberAxis x = new NumberAxis("x"), y = new NumberAxis("y");
        x.setRange(-edge, edge);
        y.setRange(-edge, edge);
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        ChartFiles.writePng(chart, file, 520, 540);
    }
}

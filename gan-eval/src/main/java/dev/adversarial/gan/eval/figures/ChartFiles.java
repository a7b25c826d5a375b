package dev.adversarial.gan.eval.figures;

import dev.adversarial.gan.core.io.AtomicFiles;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.ui.RectangleInsets;

/** How every chart of this package is finished and written: one look, one atomic PNG write. */
final class ChartFiles {
    private ChartFiles() {
    }

    /** Writes the chart as a width × height PNG on a white background, atomically. */
    static void writePng(JFreeChart chart, Path file, int width, int height) throws IOException {
        chart.setBackgroundPaint(Color.WHITE);
        // Room on the right: an x axis's last tick label is centred on the plot's edge and would
        // otherwise be cut off ("1,05" for 1,050 epochs, "700,00" for 700,000 iterations).
        chart.setPadding(new RectangleInsets(4, 8, 4, 24));
        AtomicFiles.write(file, out -> ChartUtils.writeChartAsPNG(out, chart, width, height));
    }
}

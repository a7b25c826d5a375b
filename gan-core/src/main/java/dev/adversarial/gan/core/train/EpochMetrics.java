package dev.adversarial.gan.core.train;

import java.util.List;

/**
 * Numbers measured once per epoch that belong in metrics.csv beside the per-iteration losses (a
 * toy recipe's theory quantities, a mode-coverage score). {@link MetricsCsvListener} asks for them
 * at each epoch's end, before it writes the file, and puts them on that epoch's last row; other
 * rows leave those columns empty.
 */
public interface EpochMetrics {
    /** Column names, fixed for the run. */
    List<String> columns();

    /**
     * The values for {@code epoch}, one per column, in order; NaN leaves a cell empty (a metric
     * measured only every few epochs).
     */
    double[] measure(TrainingView run, int epoch);
}

package dev.adversarial.gan.cli;

import java.io.IOException;
import java.util.Map;

/**
 * What a sweep does with each seed's samples: turns them into named numbers for the summary
 * table, plus details that only the seed's scores.json keeps. {@link MnistScorer} is the real
 * one; a test can score a toy recipe's samples its own way and still exercise the whole sweep.
 */
interface SampleScorer {
    /**
     * @param values  summary columns in display order (e.g. parzen, fid, ...)
     * @param details anything else worth keeping (σ search, classifier, timings)
     */
    record Scores(Map<String, Double> values, Map<String, Object> details) {
    }

    /** Scores n samples of rowSize values each (row-major); seed drives any randomness in the metrics. */
    Scores score(float[] samples, int n, int rowSize, long seed) throws IOException;

    /** One line for the summary: what the numbers are. */
    String description();
}

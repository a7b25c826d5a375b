package dev.adversarial.gan.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.adversarial.gan.core.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one job per seed in DIR/seed-S, one seed after another, scores each seed's samples into
 * DIR/seed-S/scores.json, and writes DIR/summary.md and summary.json over the seeds asked for.
 * Resumable: a seed whose work is done and whose scores.json (of as many samples) exists is skipped, anything else
 * is brought up to date by its job (an interrupted training run resumes from its checkpoint).
 * The job is a training run of a recipe ({@link SweepTraining}) or a baseline sample set
 * ({@link Baselines}); both are scored the same way.
 */
final class Sweep {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final String SCORES = "scores.json";

    /** What a sweep runs for each seed. */
    interface SeedJob {
        /** True when dir needs no more work (given a scores.json, the seed is then skipped). */
        boolean done(long seed, Path dir) throws IOException;

        /** Does whatever work is left in dir and returns the samples to score. */
        Produced produce(long seed, Path dir) throws IOException;

        /** Samples scored per seed. */
        int samples();

        String title();

        /** Lines for the summary's header: what was run. */
        Map<String, String> header();
    }

    /**
     * One seed's samples, where they came from, and the numbers the job itself contributes to the
     * seed's row (training seconds, epochs, ...).
     */
    record Produced(float[] samples, int count, int rowSize, String source, Map<String, Double> values,
                    Map<String, Object> details) {
    }

    private final SeedJob job;
    private final SampleScorer scorer;
    private final String command;

    Sweep(SeedJob job, SampleScorer scorer, String command) {
        this.job = job;
        this.scorer = scorer;
        this.command = command;
    }

    /** Brings every seed up to date, then writes and returns the summary. */
    SweepSummary run(List<Long> seeds, Path out) throws IOException {
        Files.createDirectories(out);
        for (long seed : seeds) {
            Path dir = seedDir(out, seed);
            if (Files.exists(dir.resolve(SCORES)) && job.done(seed, dir) && scoredSamples(dir) == job.samples()) {
                System.out.println("Seed " + seed + ": done and scored in " + dir + "; skipped");
                continue;
            }
            Files.createDirectories(dir);
            Produced p = job.produce(seed, dir);
            System.out.println("Seed " + seed + ": scoring " + p.count() + " samples from " + p.source());
            SampleScorer.Scores s = scorer.score(p.samples(), p.count(), p.rowSize(), seed);
            Map<String, Double> values = new LinkedHashMap<>(p.values());
            values.putAll(s.values());
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("seed", seed);
            json.put("samples_source", p.source());
            json.put("samples", p.count());
            json.put("values", values);
            json.put("details", merge(p.details(), s.details()));
            json.put("scored", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            json.put("gan_version", Versions.project());
            AtomicFiles.write(dir.resolve(SCORES), o -> JSON.writeValue(o, json));
            System.out.println("Seed " + seed + ": wrote " + dir.resolve(SCORES));
        }
        List<SweepSummary.Row> rows = new ArrayList<>();
        for (long seed : seeds) {
            rows.add(readRow(seedDir(out, seed), seed));
        }
        Map<String, String> header = new LinkedHashMap<>();
        header.put("command", command);
        header.put("machine", Machine.describe());
        header.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        header.putAll(job.header());
        header.put("scores", scorer.description());
        header.put("order", "seeds run one after another, each using every core");
        SweepSummary summary = new SweepSummary(job.title(), header, rows);
        summary.write(out);
        System.out.println();
        System.out.print(summary.markdown());
        System.out.println("Wrote " + out.resolve("summary.md") + " and " + out.resolve("summary.json"));
        return summary;
    }

    static Path seedDir(Path out, long seed) {
        return out.resolve("seed-" + seed);
    }

    /** The row kept in dir/scores.json. */
    static SweepSummary.Row readRow(Path dir, long seed) throws IOException {
        Map<String, Object> json = JSON.readValue(Files.readAllBytes(dir.resolve(SCORES)),
                new TypeReference<LinkedHashMap<String, Object>>() { });
        Map<String, Double> values = new LinkedHashMap<>();
        Object v = json.get("values");
        if (!(v instanceof Map<?, ?> m)) {
            throw new IOException(dir.resolve(SCORES) + " has no 'values' object; delete it to score seed " + seed
                    + " again");
        }
        m.forEach((k, x) -> values.put(String.valueOf(k), x == null ? Double.NaN : ((Number) x).doubleValue()));
        return new SweepSummary.Row(seed, values);
    }

    /** How many samples dir/scores.json was computed from (a different --n scores the seed again). */
    private static int scoredSamples(Path dir) throws IOException {
        return JSON.readTree(dir.resolve(SCORES).toFile()).path("samples").asInt(-1);
    }

    private static Map<String, Object> merge(Map<String, Object> a, Map<String, Object> b) {
        Map<String, Object> m = new LinkedHashMap<>(a);
        m.putAll(b);
        return m;
    }
}

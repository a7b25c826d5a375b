package dev.adversarial.gan.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.core.data.ArrayDataset;
import dev.adversarial.gan.core.io.AtomicFiles;
import dev.adversarial.gan.core.io.Npy;
import dev.adversarial.gan.eval.baseline.KMeans;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The two sample sets Theis, van den Oord and Bethge (2016, "A note on the evaluation of
 * generative models") hold up against the Parzen protocol, as sweep jobs scored exactly like a
 * generator's samples: {@code real}, n training images drawn at random (without replacement) by
 * the seed, and {@code kmeans}, the k = n centroids of k-means on the whole training split
 * (k-means++ seeds drawn by the seed, at most {@code iterations} Lloyd steps). The centroids are
 * kept in DIR/seed-S/centroids.npy, so a seed whose scoring was interrupted does not cluster again.
 */
final class Baselines implements Sweep.SeedJob {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String CENTROIDS = "centroids.npy";
    private static final String KMEANS_INFO = "kmeans.json";

    /** Which baseline. */
    enum Kind {
        REAL, KMEANS;

        static Kind parse(String s) {
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "real" -> REAL;
                case "kmeans", "k-means" -> KMEANS;
                default -> throw new IllegalArgumentException("--baseline takes real or kmeans, got '" + s + "'");
            };
        }
    }

    private final Kind kind;
    private final MnistScorer data;
    private final String dataset;
    private final int count;
    private final int iterations;

    /** Draws from {@code data}'s training split; {@code count} samples (and centroids). */
    Baselines(Kind kind, MnistScorer data, String dataset, int count, int iterations) {
        if (count <= 0) {
            throw new IllegalArgumentException("--n must be positive, got " + count);
        }
        if (iterations <= 0) {
            throw new IllegalArgumentException("--kmeans-iterations must be positive, got " + iterations);
        }
        this.kind = kind;
        this.data = data;
        this.dataset = dataset;
        this.count = count;
        this.iterations = iterations;
    }

    @Override
    public int samples() {
        return count;
    }

    @Override
    public String title() {
        return "gan sweep: baseline " + (kind == Kind.REAL ? "real training images" : "k-means centroids") + " of "
                + dataset;
    }

    @Override
    public Map<String, String> header() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("baseline", kind == Kind.REAL
                ? count + " training images drawn without replacement by the seed from the " + dataset + " training split"
                : count + " centroids of k-means (k-means++ seeds from the seed, at most " + iterations + " Lloyd"
                        + " iterations) on the whole " + dataset + " training split");
        h.put("reference", "Theis, van den Oord and Bethge (2016), A note on the evaluation of generative models");
        return h;
    }

    @Override
    public boolean done(long seed, Path dir) {
        // Nothing to train: a seed is done once it is scored.
        return true;
    }

    @Override
    public Sweep.Produced produce(long seed, Path dir) throws IOException {
        ArrayDataset train = data.data().train();
        int size = train.exampleSize();
        if (count > train.size()) {
            throw new IllegalArgumentException("--n " + count + " is more than the " + train.size() + " images of "
                    + train.name());
        }
        if (kind == Kind.REAL) {
            int[] order = new Rng(seed).permutation(train.size());
            float[] x = new float[count * size];
            for (int i = 0; i < count; i++) {
                System.arraycopy(train.values(), order[i] * size, x, i * size, size);
            }
            return new Sweep.Produced(x, count, size, count + " images of " + train.name() + " drawn by seed " + seed,
                    Map.of(), Map.of());
        }
        return centroids(seed, dir, train);
    }

    private Sweep.Produced centroids(long seed, Path dir, ArrayDataset train) throws IOException {
        int size = train.exampleSize();
        Path file = dir.resolve(CENTROIDS);
        Path info = dir.resolve(KMEANS_INFO);
        String source = count + " k-means centroids of " + train.name() + " (seed " + seed + ", " + file + ")";
        if (Files.exists(file) && Files.exists(info)) {
            Npy.Array a = Npy.read(file);
            if (a.rows() == count && a.rowSize() == size) {
                System.out.println("Seed " + seed + ": reusing the centroids in " + file);
                Map<String, Double> values = JSON.readValue(Files.readAllBytes(info),
                        new TypeReference<LinkedHashMap<String, Double>>() { });
                return new Sweep.Produced(a.values(), count, size, source, values, Map.of());
            }
        }
        System.out.printf("Seed %d: k-means with k = %d on %d images of %d values, at most %d iterations...%n", seed,
                count, train.size(), size, iterations);
        KMeans.Result r = KMeans.fit(train.values(), train.size(), size, count, iterations, new Rng(seed),
                System.out::println);
        Npy.write(file, new int[] {count, size}, r.centroids());
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("kmeans_seconds", Math.round(r.seconds() * 10) / 10.0);
        values.put("kmeans_iterations", (double) r.iterations());
        values.put("kmeans_inertia", r.inertia());
        values.put("kmeans_empty_clusters", (double) r.emptyClusters());
        AtomicFiles.write(info, o -> JSON.writeValue(o, values));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("kmeans_converged", r.converged());
        details.put("kmeans_seeding_seconds", r.seedingSeconds());
        details.put("kmeans_inertia_by_iteration", Arrays.stream(r.inertiaByIteration()).boxed().toList());
        return new Sweep.Produced(r.centroids(), count, size, source, values, details);
    }
}

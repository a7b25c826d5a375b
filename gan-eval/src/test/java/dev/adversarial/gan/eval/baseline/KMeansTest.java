package dev.adversarial.gan.eval.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.adversarial.gan.api.Rng;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class KMeansTest {
    /** k-means++ and Lloyd's written the obvious way: every distance summed coordinate by coordinate. */
    static float[] plainKMeans(float[] x, int n, int d, int k, int iterations, Rng rng) {
        float[] c = new float[k * d];
        double[] nearest = new double[n];
        Arrays.fill(nearest, Double.POSITIVE_INFINITY);
        int pick = rng.nextInt(n);
        for (int s = 0; s < k; s++) {
            System.arraycopy(x, pick * d, c, s * d, d);
            for (int i = 0; i < n; i++) {
                nearest[i] = Math.min(nearest[i], distance(x, i, c, s, d));
            }
            if (s + 1 < k) {
                pick = KMeans.drawProportional(nearest, rng);
            }
        }
        int[] a = new int[n];
        for (int it = 0; it < iterations; it++) {
            for (int i = 0; i < n; i++) {
                int best = 0;
                for (int j = 1; j < k; j++) {
                    if (distance(x, i, c, j, d) < distance(x, i, c, best, d)) {
                        best = j;
                    }
                }
                a[i] = best;
            }
            double[] sum = new double[k * d];
            int[] count = new int[k];
            for (int i = 0; i < n; i++) {
                count[a[i]]++;
                for (int p = 0; p < d; p++) {
                    sum[a[i] * d + p] += x[i * d + p];
                }
            }
            for (int j = 0; j < k; j++) {
                for (int p = 0; p < d && count[j] > 0; p++) {
                    c[j * d + p] = (float) (sum[j * d + p] / count[j]);
                }
            }
        }
        return c;
    }

    static double distance(float[] x, int i, float[] c, int j, int d) {
        double s = 0;
        for (int p = 0; p < d; p++) {
            double diff = (double) x[i * d + p] - c[j * d + p];
            s += diff * diff;
        }
        return s;
    }

    /** Points around {@code centres} blobs in d dimensions, about half the coordinates zero as in MNIST. */
    static float[] blobs(int perBlob, int centres, int d, Rng rng) {
        float[] x = new float[perBlob * centres * d];
        for (int b = 0; b < centres; b++) {
            for (int i = 0; i < perBlob; i++) {
                for (int p = 0; p < d; p++) {
                    boolean lit = (p + b) % 2 == 0;
                    x[((b * perBlob) + i) * d + p] = lit ? 3f * (b + 1) + (float) rng.nextGaussian() * 0.3f : 0f;
                }
            }
        }
        return x;
    }

    @Test
    void matchesThePlainAlgorithmStepForStep() {
        int d = 12, n = 300, k = 7;
        float[] x = blobs(50, 6, d, new Rng(3));
        KMeans.Result r = KMeans.fit(x, n, d, k, 4, new Rng(11), s -> { });
        float[] expected = plainKMeans(x, n, d, k, r.iterations(), new Rng(11));
        assertThat(r.centroids()).hasSize(k * d);
        for (int q = 0; q < expected.length; q++) {
            assertThat((double) r.centroids()[q]).as("centroid value %d", q).isCloseTo(expected[q], within(1e-5));
        }
    }

    @Test
    void findsSeparatedBlobsAndStopsWhenNothingMoves() {
        int d = 8, blobs = 4, per = 40;
        float[] x = blobs(per, blobs, d, new Rng(5));
        KMeans.Result r = KMeans.fit(x, blobs * per, d, blobs, 50, new Rng(2), s -> { });
        assertThat(r.converged()).isTrue();
        assertThat(r.iterations()).isLessThan(50);
        // Each blob ends up whole in one cluster, and the clusters differ.
        List<Integer> clusterOfBlob = new ArrayList<>();
        for (int b = 0; b < blobs; b++) {
            int c = r.assignment()[b * per];
            for (int i = 0; i < per; i++) {
                assertThat(r.assignment()[b * per + i]).isEqualTo(c);
            }
            clusterOfBlob.add(c);
        }
        assertThat(clusterOfBlob).doesNotHaveDuplicates();
        // The inertia never rises from one assignment step to the next.
        for (int i = 1; i < r.inertiaByIteration().length; i++) {
            assertThat(r.inertiaByIteration()[i]).isLessThanOrEqualTo(r.inertiaByIteration()[i - 1] * (1 + 1e-12));
        }
        assertThat(r.emptyClusters()).isZero();
    }

    @Test
    void theSameSeedGivesTheSameCentroids() {
        float[] x = blobs(30, 5, 6, new Rng(8));
        KMeans.Result a = KMeans.fit(x, 150, 6, 10, 3, new Rng(4), s -> { });
        KMeans.Result b = KMeans.fit(x, 150, 6, 10, 3, new Rng(4), s -> { });
        KMeans.Result c = KMeans.fit(x, 150, 6, 10, 3, new Rng(5), s -> { });
        assertThat(a.centroids()).containsExactly(b.centroids());
        assertThat(a.centroids()).isNotEqualTo(c.centroids());
    }

    @Test
    void proportionalDrawsNeverPickAZeroWeight() {
        double[] w = {0, 2, 0, 0, 1, 0};
        Rng rng = new Rng(1);
        int[] hits = new int[w.length];
        for (int t = 0; t < 3000; t++) {
            hits[KMeans.drawProportional(w, rng)]++;
        }
        assertThat(hits[0] + hits[2] + hits[3] + hits[5]).isZero();
        assertThat(hits[1] / 3000.0).isCloseTo(2 / 3.0, within(0.03));
    }

    @Test
    void badSizesAreRefused() {
        float[] x = new float[10];
        assertThatThrownBy(() -> KMeans.fit(x, 5, 2, 6, 3, new Rng(1), s -> { }))
                .hasMessageContaining("k must be between 1 and the number of points (5), got 6");
        assertThatThrownBy(() -> KMeans.fit(x, 4, 2, 2, 3, new Rng(1), s -> { }))
                .hasMessageContaining("10 values for n = 4");
        assertThatThrownBy(() -> KMeans.fit(x, 5, 2, 2, 0, new Rng(1), s -> { }))
                .hasMessageContaining("iteration cap must be positive");
    }
}

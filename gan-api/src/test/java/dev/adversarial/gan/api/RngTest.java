package dev.adversarial.gan.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RngTest {
    @Test
    void sameSeedSameStream() {
        Rng a = new Rng(7), b = new Rng(7), c = new Rng(8);
        long[] xa = new long[100], xb = new long[100], xc = new long[100];
        for (int i = 0; i < 100; i++) {
            xa[i] = a.nextLong();
            xb[i] = b.nextLong();
            xc[i] = c.nextLong();
        }
        assertThat(xa).containsExactly(xb);
        assertThat(xa).isNotEqualTo(xc);
    }

    @Test
    void stateRoundTripContinuesTheStream() {
        Rng a = new Rng(123);
        a.nextLong();
        Rng b = Rng.fromState(a.state());
        for (int i = 0; i < 50; i++) {
            assertThat(b.nextDouble()).isEqualTo(a.nextDouble());
        }
        assertThatThrownBy(() -> Rng.fromState(new long[4])).hasMessageContaining("not all zero");
    }

    @Test
    void uniformAndGaussianMoments() {
        Rng r = new Rng(1);
        int n = 200_000;
        double sum = 0, sq = 0, gsum = 0, gsq = 0;
        for (int i = 0; i < n; i++) {
            double u = r.nextDouble();
            assertThat(u).isGreaterThanOrEqualTo(0).isLessThan(1);
            sum += u;
            sq += u * u;
            double g = r.nextGaussian();
            gsum += g;
            gsq += g * g;
        }
        assertThat(sum / n).isCloseTo(0.5, within(0.005));
        assertThat(sq / n - Math.pow(sum / n, 2)).isCloseTo(1.0 / 12, within(0.002));
        assertThat(gsum / n).isCloseTo(0, within(0.01));
        assertThat(gsq / n).isCloseTo(1, within(0.01));
    }

    @Test
    void nextIntIsUnbiasedAndInRange() {
        Rng r = new Rng(3);
        int[] counts = new int[7];
        for (int i = 0; i < 70_000; i++) {
            counts[r.nextInt(7)]++;
        }
        for (int c : counts) {
            assertThat(c).isBetween(9_500, 10_500);
        }
        assertThatThrownBy(() -> r.nextInt(0)).hasMessageContaining("positive");
    }

    @Test
    void permutationHoldsEveryIndexOnce() {
        int[] p = new Rng(5).permutation(1000);
        int[] sorted = p.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < 1000; i++) {
            assertThat(sorted[i]).isEqualTo(i);
        }
        assertThat(p).isNotEqualTo(sorted);
    }

    @Test
    void splitStreamsDiffer() {
        Rng a = new Rng(9);
        Rng b = a.split();
        assertThat(b.nextLong()).isNotEqualTo(a.nextLong());
    }
}

package dev.adversarial.gan.api;

import java.util.Arrays;

/**
 * The project's seeded random generator: xoshiro256** (Blackman and Vigna), whose whole state is
 * four longs, so a checkpoint can save it and a resumed run continues the same stream. One Rng
 * per run, passed explicitly; {@link #split()} derives independent streams for sub-tasks.
 * Not thread-safe.
 */
public final class Rng {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private long s0, s1, s2, s3;

    public Rng(long seed) {
        // SplitMix64 expands the seed into four well-mixed words, as the xoshiro authors advise.
        s0 = mix(seed + GOLDEN);
        s1 = mix(seed + 2 * GOLDEN);
        s2 = mix(seed + 3 * GOLDEN);
        s3 = mix(seed + 4 * GOLDEN);
    }

    private Rng(long[] state) {
        s0 = state[0];
        s1 = state[1];
        s2 = state[2];
        s3 = state[3];
    }

    /** Restores a generator from {@link #state()}. */
    public static Rng fromState(long[] state) {
        if (state.length != 4 || (state[0] | state[1] | state[2] | state[3]) == 0) {
            throw new IllegalArgumentException("An Rng state is four longs, not all zero; got " + Arrays.toString(state));
        }
        return new Rng(state);
    }

    /**
     * Sets this generator's state in place. Modules such as dropout hold a reference to the run's
     * Rng, so a resumed run must continue the very same object rather than a new one.
     */
    public void restore(long[] state) {
        Rng r = fromState(state);
        s0 = r.s0;
        s1 = r.s1;
        s2 = r.s2;
        s3 = r.s3;
    }

    public long[] state() {
        return new long[] {s0, s1, s2, s3};
    }

    /** A new generator seeded from this one's stream; both go on independently. */
    public Rng split() {
        return new Rng(nextLong());
    }

    public long nextLong() {
        long result = Long.rotateLeft(s1 * 5, 7) * 9;
        long t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Long.rotateLeft(s3, 45);
        return result;
    }

    /** Uniform on [0, 1) with 53 bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform on [0, 1) with 24 bits. */
    public float nextFloat() {
        return (nextLong() >>> 40) * 0x1.0p-24f;
    }

    /** Uniform integer in [0, bound). */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        // Lemire's multiply-shift with rejection: unbiased.
        long m = (nextLong() >>> 32) * bound;
        long low = m & 0xFFFFFFFFL;
        if (low < bound) {
            long threshold = (0x100000000L - bound) % bound;
            while (low < threshold) {
                m = (nextLong() >>> 32) * bound;
                low = m & 0xFFFFFFFFL;
            }
        }
        return (int) (m >>> 32);
    }

    /** Standard normal by the Box-Muller transform (no cached spare, so the state stays four longs). */
    public double nextGaussian() {
        double u1 = 1.0 - nextDouble(); // (0, 1], so log is finite
        double u2 = nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    public void fillUniform(float[] out, float lo, float hi) {
        float w = hi - lo;
        for (int i = 0; i < out.length; i++) {
            out[i] = lo + w * nextFloat();
        }
    }

    public void fillNormal(float[] out, float mean, float std) {
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (mean + std * nextGaussian());
        }
    }

    /** A uniformly random permutation of 0..n-1 (Fisher-Yates). */
    public int[] permutation(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}

package dev.adversarial.gan.cpu;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * The backend's threads: the calling thread plus {@code threads − 1} daemon helpers, shared by
 * the matrix products and the large memory-bound passes (optimizer steps, masks, maxout). Work is
 * split into parts that each write their own range of the output, so a result never depends on
 * the number of threads, nor on which thread runs a part.
 *
 * <p>A training step hands the helper parts of 10 µs to a few ms each (paper-mnist: about 30
 * an iteration). Handing one over through an executor's queue costs a park and an unpark on each
 * side, a system call each whenever the other thread sleeps; so each helper has a one-call slot,
 * watched by a spin of {@link #SPIN_NANOS} after its last part before it parks, and the caller
 * spins as long for the parts to finish before it parks, as OpenMP runtimes wait between
 * parallel regions. The spin costs CPU only while parts keep coming. Against the executor, alone,
 * on the 2-core Intel Xeon VM (2026-12-03, AVX2 path, gan bench cpu-only, alternating;
 * docs/BENCHMARKS.md): paper-mnist 30.5 → 26.8 ms an iteration, dcgan-mnist 113–115 → 103–104
 * ms. Spinning 2 or 20 ms instead gained 0–2 % more.
 *
 * <p>The threads take a call's parts from a shared counter rather than one fixed part each: a
 * helper that had parked (between the passes of a step often longer than the spin) started 48 µs
 * late on average in the AVX2 dcgan-mnist step, 4.8 ms an iteration (a probe, 2026-12-03), and a
 * fixed half then left the caller waiting that long at the end; with several parts per thread
 * ({@link #PARTS_PER_THREAD}) the caller takes the late helper's share instead.
 *
 * <p>A helper serves one caller at a time: a caller that finds it busy (another thread's
 * products, or a part that itself splits work) takes all the parts itself.
 */
final class Workers {
    /** How long a helper watches its slot, and a caller its helpers, before parking. */
    static final long SPIN_NANOS = 200_000;
    /**
     * How many parts per thread a split aims for, so that the threads can even out their shares.
     * gan bench dcgan-mnist, AVX2 JVM, best ms of two runs each (Intel Xeon VM, 2026-12-03): 1 part
     * 109.0, 110.0; 2: 107.7, 112.2; 4: 104.1, 108.1; 8: 110.7, 112.6.
     */
    static final int PARTS_PER_THREAD = 4;

    /** A range body: processes elements [from, to). */
    interface Range {
        void run(int from, int to);
    }

    private final int threads;
    private final Helper[] helpers;

    Workers(int threads) {
        this.threads = Math.max(1, threads);
        this.helpers = new Helper[this.threads - 1];
        for (int i = 0; i < helpers.length; i++) {
            helpers[i] = new Helper();
            helpers[i].start();
        }
    }

    int threads() {
        return threads;
    }

    /**
     * Splits [0, n) into ranges of at least {@code minPerPart} elements, up to {@link
     * #PARTS_PER_THREAD} per thread, and runs them (see {@link #run}); below {@code 2·minPerPart}
     * the calling thread does it all.
     */
    void forRange(int n, int minPerPart, Range body) {
        int min = Math.max(1, minPerPart);
        if (helpers.length == 0 || n / min < 2) {
            body.run(0, n);
            return;
        }
        int parts = (int) Math.min((long) threads * PARTS_PER_THREAD, n / Math.max(1, min / PARTS_PER_THREAD));
        run(parts, p -> body.run((int) ((long) n * p / parts), (int) ((long) n * (p + 1) / parts)));
    }

    /**
     * Runs {@code part.accept(p)} once for each p in [0, parts): the calling thread and the
     * helpers it could claim take parts in increasing p until none is left, so a helper that
     * wakes late or a part that runs long leaves the others to the threads that are free. Returns
     * when every part has finished, even after a failure or an interrupt, so that no helper is
     * still writing a (pooled) output when this returns; a helper that wakes after that finds
     * nothing left to take. The first failure is rethrown (a helper's wrapped); an interrupt is
     * passed on, not treated as a failure.
     */
    void run(int parts, IntConsumer part) {
        if (parts <= 0) {
            return;
        }
        Region region = new Region(parts, part);
        Helper[] claimed = new Helper[Math.min(parts - 1, helpers.length)];
        int handed = 0;
        for (Helper h : helpers) {
            if (handed < claimed.length && h.claim()) {
                claimed[handed++] = h;
                h.hand(region);
            }
        }
        region.work(false);
        boolean interrupted = region.await();
        for (int i = 0; i < handed; i++) {
            claimed[i].release();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable failure = region.failure.get();
        if (failure instanceof RuntimeException re) {
            throw re;
        } else if (failure instanceof Error err) {
            throw err;
        }
    }

    /** One call's parts: the next one to take, how many have finished, and the first failure. */
    private static final class Region {
        final int parts;
        final IntConsumer body;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger finished = new AtomicInteger();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        volatile Thread waiter;

        Region(int parts, IntConsumer body) {
            this.parts = parts;
            this.body = body;
        }

        /** Takes and runs parts until none is left; wakes the waiting caller after the last. */
        void work(boolean onHelper) {
            for (int p = next.getAndIncrement(); p < parts; p = next.getAndIncrement()) {
                try {
                    body.accept(p);
                } catch (Throwable t) {
                    failure.compareAndSet(null, onHelper ? new IllegalStateException("CPU worker failed", t) : t);
                }
                if (finished.incrementAndGet() == parts) {
                    Thread w = waiter;
                    if (w != null) {
                        LockSupport.unpark(w);
                    }
                }
            }
        }

        /** Waits for the parts taken by helpers: spins, then parks; returns whether it was interrupted. */
        boolean await() {
            boolean interrupted = false;
            long start = System.nanoTime();
            while (finished.get() < parts) {
                if (System.nanoTime() - start < SPIN_NANOS) {
                    Thread.onSpinWait();
                    continue;
                }
                waiter = Thread.currentThread();
                if (finished.get() < parts) {
                    LockSupport.park(this);
                    interrupted |= Thread.interrupted();
                }
                waiter = null;
            }
            return interrupted;
        }
    }

    /** One daemon thread with a one-region slot. */
    private static final class Helper extends Thread {
        private final AtomicBoolean busy = new AtomicBoolean();
        private final AtomicReference<Region> slot = new AtomicReference<>();
        private volatile boolean sleeping;

        Helper() {
            super("gan-cpu-worker");
            setDaemon(true);
        }

        boolean claim() {
            return busy.compareAndSet(false, true);
        }

        /** Called by the claimant: publishes the region, then wakes the helper if it parked. */
        void hand(Region region) {
            slot.set(region);
            if (sleeping) {
                LockSupport.unpark(this);
            }
        }

        /** Frees the helper for the next claimant, once the claimant's region has finished. */
        void release() {
            busy.set(false);
        }

        @Override
        public void run() {
            while (true) {
                Region region = nextRegion();
                region.work(true);
                // Only this region: the claimant may already have handed the next one.
                slot.compareAndSet(region, null);
            }
        }

        /** Spins on the slot for SPIN_NANOS, then parks until a region arrives. */
        private Region nextRegion() {
            long start = System.nanoTime();
            Region region;
            while ((region = slot.get()) == null) {
                if (System.nanoTime() - start < SPIN_NANOS) {
                    Thread.onSpinWait();
                    continue;
                }
                sleeping = true;
                if (slot.get() == null) {
                    LockSupport.park(this);
                }
                sleeping = false;
                Thread.interrupted(); // a helper is never interrupted on purpose; keep the slot loop going
            }
            return region;
        }
    }
}

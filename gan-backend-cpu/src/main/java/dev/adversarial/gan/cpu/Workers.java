package dev.adversarial.gan.cpu;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * The backend's threads: the calling thread plus {@code threads − 1} daemon helpers, shared by
 * the matrix products and the large memory-bound passes (optimizer steps, masks, maxout). Work is
 * split into parts that each write their own range of the output, so a result never depends on
 * the number of threads, nor on which thread runs a part.
 *
 * <p>A training step hands the helper parts of 10 µs to a few ms each (paper-mnist: about 30
 * an iteration). Handing one over through an executor's queue costs a
 * park and an unpark on each side, a system call each whenever the other thread sleeps; so each
 * helper has a single-part slot, watched by a spin of {@link #SPIN_NANOS} after its last part
 * before it parks, and the caller spins as long for the parts to finish before it parks, as
 * OpenMP runtimes wait between parallel regions. The spin costs CPU only while parts keep coming.
 * Against the executor, alone, on the 2-core Intel Xeon VM (2026-12-03, AVX2 path, gan bench
 * cpu-only, alternating; docs/BENCHMARKS.md): paper-mnist 30.5 → 26.8 ms an iteration, dcgan-mnist
 * 113–115 → 103–104 ms. Spinning 2 or 20 ms instead gained 0–2 % more.
 *
 * <p>A helper serves one caller at a time: a caller that finds it busy (another thread's
 * products, or a part that itself splits work) runs that part on its own thread instead.
 */
final class Workers {
    /** How long a helper watches its slot, and a caller its helpers, before parking. */
    static final long SPIN_NANOS = 200_000;

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
     * Splits [0, n) into at most {@link #threads()} ranges of at least {@code minPerPart}
     * elements and runs them; below {@code 2·minPerPart} the calling thread does it all.
     */
    void forRange(int n, int minPerPart, Range body) {
        int parts = helpers.length == 0 ? 1 : (int) Math.min(threads, Math.max(1, n / Math.max(1, minPerPart)));
        if (parts <= 1) {
            body.run(0, n);
            return;
        }
        run(parts, p -> body.run((int) ((long) n * p / parts), (int) ((long) n * (p + 1) / parts)));
    }

    /**
     * Runs {@code part.accept(p)} for p in [0, parts): part 0 on the calling thread, the others on
     * helpers (or on the calling thread, for a helper that is busy), and returns when all have
     * finished, even after a failure or an interrupt, so that no helper is still writing a
     * (pooled) output when this returns. The first failure is rethrown; an interrupt is passed
     * on, not treated as a failure.
     */
    void run(int parts, IntConsumer part) {
        Helper[] claimed = new Helper[Math.max(0, Math.min(parts - 1, helpers.length))];
        int handed = 0;
        for (Helper h : helpers) {
            if (handed < claimed.length && h.claim()) {
                claimed[handed] = h;
                h.hand(part, ++handed);
            }
        }
        Throwable failure = null;
        for (int p = 0; p < parts; p++) {
            if (p == 0 || p > handed) {
                try {
                    part.accept(p);
                } catch (RuntimeException | Error e) {
                    failure = failure != null ? failure : e;
                }
            }
        }
        boolean interrupted = false;
        for (int i = 0; i < handed; i++) {
            interrupted |= claimed[i].await();
            Throwable f = claimed[i].release();
            if (f != null && failure == null) {
                failure = new IllegalStateException("CPU worker failed", f);
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure instanceof RuntimeException re) {
            throw re;
        } else if (failure instanceof Error err) {
            throw err;
        }
    }

    /** One daemon thread with a one-part slot. */
    private static final class Helper extends Thread {
        private final AtomicBoolean busy = new AtomicBoolean();
        private volatile IntConsumer task;
        private volatile int index;
        private volatile boolean done;
        private volatile Thread waiter;
        private volatile boolean sleeping;
        private Throwable failure;

        Helper() {
            super("gan-cpu-worker");
            setDaemon(true);
        }

        boolean claim() {
            return busy.compareAndSet(false, true);
        }

        /** Called by the claimant: publishes the part, then wakes the helper if it parked. */
        void hand(IntConsumer part, int p) {
            done = false;
            failure = null;
            index = p;
            task = part;
            if (sleeping) {
                LockSupport.unpark(this);
            }
        }

        /** Waits for the part to finish: spins, then parks; returns whether it was interrupted. */
        boolean await() {
            boolean interrupted = false;
            long start = System.nanoTime();
            while (!done) {
                if (System.nanoTime() - start < SPIN_NANOS) {
                    Thread.onSpinWait();
                    continue;
                }
                waiter = Thread.currentThread();
                if (!done) {
                    LockSupport.park(this);
                    interrupted |= Thread.interrupted();
                }
                waiter = null;
            }
            return interrupted;
        }

        /** Frees the slot for the next claimant; returns the part's failure, if any. */
        Throwable release() {
            Throwable f = failure;
            busy.set(false);
            return f;
        }

        @Override
        public void run() {
            while (true) {
                IntConsumer part = nextTask();
                try {
                    part.accept(index);
                } catch (Throwable t) {
                    failure = t;
                }
                task = null;
                done = true;
                Thread w = waiter;
                if (w != null) {
                    LockSupport.unpark(w);
                }
            }
        }

        /** Spins on the slot for SPIN_NANOS, then parks until a part arrives. */
        private IntConsumer nextTask() {
            long start = System.nanoTime();
            IntConsumer part;
            while ((part = task) == null) {
                if (System.nanoTime() - start < SPIN_NANOS) {
                    Thread.onSpinWait();
                    continue;
                }
                sleeping = true;
                if (task == null) {
                    LockSupport.park(this);
                }
                sleeping = false;
                Thread.interrupted(); // a helper is never interrupted on purpose; keep the slot loop going
            }
            return part;
        }
    }
}

package dev.adversarial.gan.cpu;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * The backend's threads: the calling thread plus {@code threads − 1} daemon helpers, shared by
 * the matrix products and the large memory-bound passes (optimizer steps, masks, maxout). Work is
 * split into parts that each write their own range of the output, so a result never depends on
 * the number of threads.
 */
final class Workers {
    /** A range body: processes elements [from, to). */
    interface Range {
        void run(int from, int to);
    }

    private final int threads;
    private final ExecutorService helpers;

    Workers(int threads) {
        this.threads = Math.max(1, threads);
        this.helpers = this.threads == 1 ? null : Executors.newFixedThreadPool(this.threads - 1, r -> {
            Thread t = new Thread(r, "gan-cpu-worker");
            t.setDaemon(true);
            return t;
        });
    }

    int threads() {
        return threads;
    }

    /**
     * Splits [0, n) into at most {@link #threads()} ranges of at least {@code minPerPart}
     * elements and runs them; below {@code 2·minPerPart} the calling thread does it all.
     */
    void forRange(int n, int minPerPart, Range body) {
        int parts = helpers == null ? 1 : (int) Math.min(threads, Math.max(1, n / Math.max(1, minPerPart)));
        if (parts <= 1) {
            body.run(0, n);
            return;
        }
        run(parts, p -> body.run((int) ((long) n * p / parts), (int) ((long) n * (p + 1) / parts)));
    }

    /**
     * Runs {@code part.accept(p)} for p in [0, parts): part 0 on the calling thread, the others on
     * helpers, and returns when all have finished, even after a failure or an interrupt, so that
     * no helper is still writing a (pooled) output when this returns. The first failure is
     * rethrown; an interrupt is passed on, not treated as a failure.
     */
    void run(int parts, IntConsumer part) {
        if (parts <= 1 || helpers == null) {
            for (int p = 0; p < parts; p++) {
                part.accept(p);
            }
            return;
        }
        Future<?>[] pending = new Future<?>[parts - 1];
        for (int p = 1; p < parts; p++) {
            int index = p;
            pending[p - 1] = helpers.submit(() -> part.accept(index));
        }
        Throwable failure = null;
        try {
            part.accept(0);
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        boolean interrupted = false;
        for (Future<?> f : pending) {
            while (true) {
                try {
                    f.get();
                    break;
                } catch (InterruptedException ie) {
                    interrupted = true;
                } catch (ExecutionException ee) {
                    failure = failure != null ? failure : new IllegalStateException("CPU worker failed", ee.getCause());
                    break;
                }
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
}

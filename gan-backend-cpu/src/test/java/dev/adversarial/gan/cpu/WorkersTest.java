package dev.adversarial.gan.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/**
 * The hand-over between the calling thread and the helpers: every part runs exactly once
 * whoever takes it, nothing is still running when {@code run} returns, failures and interrupts
 * come back to the caller, and a busy helper (nested or concurrent calls) leaves the parts to
 * the caller instead of blocking.
 */
class WorkersTest {
    @Test
    void everyPartRunsOnceAndHasFinishedWhenRunReturns() {
        Workers workers = new Workers(3);
        for (int round = 0; round < 2000; round++) {
            int parts = 1 + round % 13;
            AtomicIntegerArray runs = new AtomicIntegerArray(parts);
            AtomicInteger finished = new AtomicInteger();
            workers.run(parts, p -> {
                runs.incrementAndGet(p);
                if (p % 3 == 1) {
                    Thread.onSpinWait(); // uneven parts, so that the threads take different shares
                }
                finished.incrementAndGet();
            });
            assertThat(finished.get()).isEqualTo(parts);
            for (int p = 0; p < parts; p++) {
                assertThat(runs.get(p)).as("part %d of %d", p, parts).isEqualTo(1);
            }
        }
    }

    @Test
    void rangesCoverEachElementOnceForAnySplit() {
        Workers workers = new Workers(2);
        for (int n : new int[] {0, 1, 7, 100, 1000, 12_345}) {
            for (int min : new int[] {1, 3, 64, 5000}) {
                AtomicIntegerArray seen = new AtomicIntegerArray(Math.max(1, n));
                workers.forRange(n, min, (from, to) -> {
                    assertThat(to - from).isGreaterThanOrEqualTo(Math.min(n, Math.max(1, min / Workers.PARTS_PER_THREAD)));
                    for (int i = from; i < to; i++) {
                        seen.incrementAndGet(i);
                    }
                });
                for (int i = 0; i < n; i++) {
                    assertThat(seen.get(i)).as("element %d of %d, min %d", i, n, min).isEqualTo(1);
                }
            }
        }
    }

    @Test
    void aHelpersFailureIsRethrownAfterAllPartsFinished() {
        Workers workers = new Workers(2);
        AtomicInteger finished = new AtomicInteger();
        CountDownLatch helperTookOne = new CountDownLatch(1);
        Thread caller = Thread.currentThread();
        assertThatThrownBy(() -> workers.run(4, p -> {
            if (Thread.currentThread() == caller) {
                await(helperTookOne); // so that the helper surely gets a part
            } else {
                helperTookOne.countDown();
                throw new IllegalArgumentException("part " + p);
            }
            finished.incrementAndGet();
        })).isInstanceOf(IllegalStateException.class).hasMessage("CPU worker failed")
                .hasCauseInstanceOf(IllegalArgumentException.class);
        // The helper failed on every part it took (maybe all four); the caller's parts ran to the end.
        assertThat(finished.get()).isBetween(0, 3);
        // The helper is free again.
        AtomicInteger again = new AtomicInteger();
        workers.run(8, p -> again.incrementAndGet());
        assertThat(again.get()).isEqualTo(8);
    }

    @Test
    void theCallersOwnFailureIsRethrownAsItIsAHelpersWrapped() {
        IllegalArgumentException thrown = new IllegalArgumentException("every part fails");
        assertThatThrownBy(() -> new Workers(1).run(3, p -> {
            throw thrown;
        })).isSameAs(thrown);
        Throwable first = org.assertj.core.api.Assertions.catchThrowable(() -> new Workers(2).run(3, p -> {
            throw thrown;
        }));
        assertThat(first == thrown || first.getCause() == thrown).as("%s", first).isTrue();
    }

    @Test
    void anInterruptIsPassedOnAndEveryPartStillRuns() {
        Workers workers = new Workers(2);
        AtomicInteger finished = new AtomicInteger();
        Thread.currentThread().interrupt();
        workers.run(6, p -> finished.incrementAndGet());
        assertThat(Thread.interrupted()).isTrue();
        assertThat(finished.get()).isEqualTo(6);
    }

    @Test
    void nestedAndConcurrentCallsRunTheirPartsWithoutWaitingForABusyHelper() throws Exception {
        Workers workers = new Workers(2);
        AtomicInteger inner = new AtomicInteger();
        workers.run(4, p -> workers.run(3, q -> inner.incrementAndGet()));
        assertThat(inner.get()).isEqualTo(12);

        AtomicInteger total = new AtomicInteger();
        Thread[] callers = new Thread[3];
        for (int t = 0; t < callers.length; t++) {
            callers[t] = new Thread(() -> {
                for (int round = 0; round < 500; round++) {
                    workers.run(5, p -> total.incrementAndGet());
                }
            });
            callers[t].start();
        }
        for (Thread t : callers) {
            t.join();
        }
        assertThat(total.get()).isEqualTo(3 * 500 * 5);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, java.util.concurrent.TimeUnit.SECONDS)).as("the helper took a part").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

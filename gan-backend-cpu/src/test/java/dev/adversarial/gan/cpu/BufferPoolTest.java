package dev.adversarial.gan.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.adversarial.gan.api.Shape;
import dev.adversarial.gan.api.Storage;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Recycled arrays are dirty by design; what a kernel gets back is clean only when it asks for that. */
class BufferPoolTest {
    private static float[] dirty(int n) {
        float[] a = new float[n];
        Arrays.fill(a, 7f);
        return a;
    }

    @Test
    void aZeroedTakeNeverSeesWhatTheLastUserLeft() {
        BufferPool pool = new BufferPool(1 << 10, false);
        pool.recycle(dirty(16));
        assertThat(pool.heldFloats()).isEqualTo(16);
        assertThat(pool.takeZeroed(16)).containsOnly(0f);
        assertThat(pool.heldFloats()).as("the recycled array was the one reused").isZero();
    }

    @Test
    void poisoningFillsEveryArrayTakenForOverwritingWithNaN() {
        BufferPool pool = new BufferPool(1 << 10, true);
        pool.recycle(dirty(16));
        float[] reused = pool.takeForOverwrite(16);
        float[] fresh = pool.takeForOverwrite(16);
        for (float[] a : new float[][] {reused, fresh}) {
            assertThat(a).hasSize(16);
            for (float v : a) {
                assertThat(v).isNaN();
            }
        }
    }

    @Test
    void thisModulesTestsRunPoisoned() {
        // Set by the surefire configuration in this module's pom; the contract suite relies on it.
        assertThat(new BufferPool(1).poisoning()).as("-D" + BufferPool.POISON_PROPERTY).isTrue();
    }

    @Test
    void generateStartsFromZerosWhateverThePoolHeld() {
        CpuKernels k = new CpuKernels(1, 1 << 10);
        Shape s = Shape.of(4, 4);
        Storage used = k.upload(dirty(16), s);
        used.release();
        // A fill that writes only the first row: the rest must read 0, as with the default's new array.
        Storage g = k.generate(s, v -> Arrays.fill(v, 0, 4, 1f));
        float[] out = k.download(g, s);
        assertThat(Arrays.copyOfRange(out, 0, 4)).containsOnly(1f);
        assertThat(Arrays.copyOfRange(out, 4, 16)).containsOnly(0f);
    }

    @Test
    void aFailedGenerateHandsNothingOutAndReturnsItsArrayToThePool() {
        CpuKernels k = new CpuKernels(1, 1 << 10);
        Shape s = Shape.of(8);
        assertThatThrownBy(() -> k.generate(s, v -> {
            v[0] = 3f;
            throw new IllegalStateException("fill failed");
        })).hasMessage("fill failed");
        assertThat(k.pooledFloats()).as("the half-written array went back to the pool").isEqualTo(8);
        // ... and the next generate, taking it again, starts from zeros.
        Storage g = k.generate(s, v -> { });
        assertThat(k.download(g, s)).containsOnly(0f);
    }
}

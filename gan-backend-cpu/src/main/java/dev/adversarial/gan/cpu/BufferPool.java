package dev.adversarial.gan.cpu;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Recycles float arrays by exact length, so that a training loop whose tensors are freed by a
 * Scope each iteration stops allocating after the first one. The pool holds at most
 * {@code capacityFloats}.
 *
 * <p>An array's contents are never trusted once it is recycled: whatever path gave it back (a
 * finished tensor, a kernel's scratch, a kernel that failed half way), the pool keeps no record
 * of it. Cleanliness is decided when an array is taken, by which method takes it:
 * {@link #takeForOverwrite} for a kernel that writes every element of it (zeroing it first would
 * be a wasted pass over memory on every op), {@link #takeZeroed} for one that accumulates or
 * may leave elements unwritten. With poisoning on ({@code -Dgan.cpu.poisonBuffers=true}, which
 * this module's tests set), every array taken for overwriting is filled with NaN first, so a
 * kernel that breaks that promise shows NaN in the contract suite instead of last iteration's
 * values in a user's run.
 */
final class BufferPool {
    /** The system property that turns poisoning on. */
    static final String POISON_PROPERTY = "gan.cpu.poisonBuffers";

    private final Map<Integer, ArrayDeque<float[]>> free = new HashMap<>();
    private final long capacityFloats;
    private final boolean poison;
    private long heldFloats;

    BufferPool(long capacityFloats) {
        this(capacityFloats, Boolean.getBoolean(POISON_PROPERTY));
    }

    BufferPool(long capacityFloats, boolean poison) {
        this.capacityFloats = capacityFloats;
        this.poison = poison;
    }

    /**
     * An array of {@code length} floats with arbitrary contents: the caller must write every
     * element before anything reads it (NaN everywhere when poisoning is on).
     */
    float[] takeForOverwrite(int length) {
        float[] a = reuseOrAllocate(length);
        if (poison) {
            Arrays.fill(a, Float.NaN);
        }
        return a;
    }

    /** An array of {@code length} zeros, for a caller that accumulates into it or may skip elements. */
    float[] takeZeroed(int length) {
        float[] a = reuseOrAllocate(length);
        Arrays.fill(a, 0f);
        return a;
    }

    private synchronized float[] reuseOrAllocate(int length) {
        ArrayDeque<float[]> q = free.get(length);
        if (q != null && !q.isEmpty()) {
            heldFloats -= length;
            return q.pop();
        }
        return new float[length];
    }

    /** Takes back an array in any state; see the class comment for why its contents do not matter. */
    synchronized void recycle(float[] a) {
        if (a.length == 0 || heldFloats + a.length > capacityFloats) {
            return; // let the garbage collector have it
        }
        free.computeIfAbsent(a.length, k -> new ArrayDeque<>()).push(a);
        heldFloats += a.length;
    }

    synchronized long heldFloats() {
        return heldFloats;
    }

    boolean poisoning() {
        return poison;
    }
}

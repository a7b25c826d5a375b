package dev.adversarial.gan.cpu;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Recycles float arrays by exact length, so that a training loop whose tensors are freed by a
 * Scope each iteration stops allocating after the first one. Arrays come back dirty: every
 * kernel writes each element of its output. The pool holds at most {@code capacityFloats}.
 */
final class BufferPool {
    private final Map<Integer, ArrayDeque<float[]>> free = new HashMap<>();
    private final long capacityFloats;
    private long heldFloats;

    BufferPool(long capacityFloats) {
        this.capacityFloats = capacityFloats;
    }

    synchronized float[] take(int length) {
        ArrayDeque<float[]> q = free.get(length);
        if (q != null && !q.isEmpty()) {
            heldFloats -= length;
            return q.pop();
        }
        return new float[length];
    }

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
}

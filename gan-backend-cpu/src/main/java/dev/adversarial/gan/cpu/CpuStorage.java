package dev.adversarial.gan.cpu;

import dev.adversarial.gan.api.Storage;

/**
 * A float array, possibly shared by several handles (a reshape shares its input's memory).
 * The array goes back to the pool when the last handle is released.
 */
final class CpuStorage implements Storage {
    final float[] data;
    private final BufferPool pool;
    private int handles = 1;

    CpuStorage(float[] data, BufferPool pool) {
        this.data = data;
        this.pool = pool;
    }

    /** Another handle on the same memory. */
    synchronized CpuStorage share() {
        if (handles == 0) {
            throw new IllegalStateException("storage already released");
        }
        handles++;
        return this;
    }

    @Override
    public synchronized void release() {
        if (--handles == 0) {
            pool.recycle(data);
        }
    }

    static float[] of(Storage s) {
        return ((CpuStorage) s).data;
    }
}

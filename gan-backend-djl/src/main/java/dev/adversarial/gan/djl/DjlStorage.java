package dev.adversarial.gan.djl;

import ai.djl.ndarray.NDArray;
import dev.adversarial.gan.api.Storage;

/**
 * One DJL array, owned by exactly one handle. Closing it frees its native handle at once; the
 * memory behind it goes when libtorch drops its last reference, so a reshape view (its own
 * handle onto the same memory) stays valid after the array it came from is released.
 */
final class DjlStorage implements Storage {
    final NDArray array;

    DjlStorage(NDArray array) {
        this.array = array;
    }

    @Override
    public void release() {
        array.close();
    }

    static NDArray of(Storage s) {
        if (s instanceof DjlStorage d) {
            return d.array;
        }
        throw new IllegalArgumentException("Storage " + s.getClass().getName() + " does not belong to the djl"
                + " backend; copy the tensor over with Backend.copyOf(tensor)");
    }
}

package dev.adversarial.gan.api;

/**
 * A backend's memory for one tensor's elements: a Java array, a native array, device memory.
 * Only the backend that made it looks inside. {@link #release()} is called exactly once per
 * handle, when the owning tensor is closed; a backend may pool or share the memory behind it.
 */
public interface Storage {
    void release();
}

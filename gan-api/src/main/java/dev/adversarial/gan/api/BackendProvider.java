package dev.adversarial.gan.api;

/**
 * A backend as ServiceLoader sees it: register the implementation in
 * {@code META-INF/services/dev.adversarial.gan.api.BackendProvider}. Construction must be
 * cheap; expensive work (loading native libraries) belongs in {@link #create()}, which runs only
 * when the backend is actually chosen.
 */
public interface BackendProvider {
    /** Short lower-case name users select with -Dgan.backend or GAN_BACKEND, e.g. "cpu". */
    String name();

    /** Higher wins when the user names no backend. */
    int priority();

    /** Maven coordinates of the artifact that ships this provider, for error messages. */
    String artifact();

    /** Creates the kernels on the provider's default device; may throw when the backend cannot run here. */
    Kernels create() throws Exception;

    /**
     * Creates the kernels on {@code device} ("cpu" or "gpu"), or on the default device when it is
     * null. The device is passed here rather than through a system property, so two lookups in one
     * JVM can ask for different devices. A provider that runs on the CPU only accepts null and
     * "cpu" (this default) and refuses "gpu" with a sentence saying which backend can use one.
     */
    default Kernels create(String device) throws Exception {
        if (device != null && !device.equals("cpu")) {
            throw new IllegalArgumentException("the " + name() + " backend runs on the CPU only, so device '" + device
                    + "' cannot be used; choose a backend that can use a GPU (djl), or leave out the device");
        }
        return create();
    }
}

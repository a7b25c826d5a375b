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

    /** Creates the kernels; may throw when the backend cannot run here (missing native code). */
    Kernels create() throws Exception;
}

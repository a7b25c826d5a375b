package dev.adversarial.gan.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds backends on the class path with ServiceLoader and picks one deterministically:
 * the name in the system property {@code gan.backend}, else the environment variable
 * {@code GAN_BACKEND}, else the provider with the highest priority that starts. A provider that
 * fails to load or start is reported on the logger (SLF4J) and skipped; no provider at all is an
 * error that names the artifacts to add. The backend chosen, with its device (which for the CPU
 * backend names the matrix kernel), is logged once at info when it is created.
 */
public final class Backends {
    public static final String PROPERTY = "gan.backend";
    public static final String ENVIRONMENT = "GAN_BACKEND";

    private static final Logger LOG = LoggerFactory.getLogger(Backends.class);
    /** Backends already started, by provider name and requested device: a JVM may hold one per device. */
    private static final Map<String, Backend> CREATED = new ConcurrentHashMap<>();
    private static final String ARTIFACTS = "dev.adversarial:gan-backend-cpu (pure Java) or"
            + " dev.adversarial:gan-backend-djl (PyTorch through DJL)";

    private Backends() {
    }

    /** The backend named by -Dgan.backend or GAN_BACKEND, else the highest-priority one. */
    public static Backend get() {
        return select(System.getProperty(PROPERTY), System.getenv(ENVIRONMENT), null, providers());
    }

    /** The backend with this name on its default device, created once per JVM. */
    public static Backend get(String name) {
        return get(name, null);
    }

    /**
     * The backend with this name (null: the default choice, as {@link #get()}) on {@code device}
     * ("cpu", "gpu", or null for the provider's default). Created once per JVM for each (name,
     * device) pair, so asking later for another device gets a backend on that device, never the
     * one cached for the first.
     */
    public static Backend get(String name, String device) {
        String d = normalizeDevice(device);
        return name == null ? select(System.getProperty(PROPERTY), System.getenv(ENVIRONMENT), d, providers())
                : select(name, null, d, providers());
    }

    /** "gpu" or "cpu" in lower case, or null for the provider's default; anything else is refused. */
    static String normalizeDevice(String device) {
        if (device == null || device.isBlank()) {
            return null;
        }
        String d = device.trim().toLowerCase(Locale.ROOT);
        if (!d.equals("gpu") && !d.equals("cpu")) {
            throw new IllegalArgumentException("A backend device must be 'gpu' or 'cpu', got '" + device + "'");
        }
        return d;
    }

    /** Names of the providers found on the class path, highest priority first. */
    public static List<String> available() {
        return providers().values().stream().map(BackendProvider::name).toList();
    }

    static Backend select(String property, String environment, Map<String, BackendProvider> found) {
        return select(property, environment, null, found);
    }

    static Backend select(String property, String environment, String device, Map<String, BackendProvider> found) {
        if (found.isEmpty()) {
            throw new IllegalStateException("No gan backend on the class path. Add " + ARTIFACTS
                    + " as a runtime dependency.");
        }
        String requested = property != null && !property.isBlank() ? property
                : environment != null && !environment.isBlank() ? environment : null;
        if (requested != null) {
            String key = requested.trim().toLowerCase(Locale.ROOT);
            BackendProvider p = found.get(key);
            if (p == null) {
                String source = property != null && !property.isBlank() ? "-D" + PROPERTY : ENVIRONMENT;
                throw new IllegalArgumentException("Unknown backend '" + requested + "' (from " + source
                        + "). Available: " + String.join(", ", found.keySet()) + ".");
            }
            return create(p, device);
        }
        List<String> failures = new ArrayList<>();
        for (BackendProvider p : found.values()) {
            try {
                return create(p, device);
            } catch (RuntimeException e) {
                failures.add(p.name() + ": " + e.getMessage());
                LOG.warn("Backend '{}' could not start and is skipped: {}",
                        p.name(), e.getMessage());
            }
        }
        throw new IllegalStateException("No gan backend could start: " + String.join("; ", failures));
    }

    private static Backend create(BackendProvider p, String device) {
        String key = p.name() + "@" + (device == null ? "default" : device);
        boolean[] created = {false};
        Backend backend = CREATED.computeIfAbsent(key, k -> {
            try {
                Backend b = new Backend(p.name(), p.create(device));
                created[0] = true;
                return b;
            } catch (Exception | LinkageError e) {
                throw new IllegalStateException("Backend '" + p.name() + "' (" + p.artifact() + ") failed to start"
                        + (device == null ? "" : " on device " + device) + ": " + e, e);
            }
        });
        if (created[0] && LOG.isInfoEnabled()) {
            // Once per backend and JVM (backends are cached): which one runs, where, with what kernel.
            LOG.info("Backend {} on {}", backend.name(), deviceOf(backend));
        }
        return backend;
    }

    /** The device for the log line; a provider whose device cannot be described still runs. */
    private static String deviceOf(Backend b) {
        try {
            return b.device();
        } catch (RuntimeException e) {
            return "a device it could not describe (" + e + ")";
        }
    }

    /** Providers by name, highest priority first; broken registrations are logged and skipped. */
    static Map<String, BackendProvider> providers() {
        List<BackendProvider> list = new ArrayList<>();
        Iterator<BackendProvider> it = ServiceLoader.load(BackendProvider.class).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                list.add(it.next());
            } catch (ServiceConfigurationError e) {
                LOG.warn("A gan backend failed to load and is skipped: {}", e.getMessage());
            }
        }
        list.sort(Comparator.comparingInt(BackendProvider::priority).reversed()
                .thenComparing(BackendProvider::name));
        Map<String, BackendProvider> byName = new LinkedHashMap<>();
        for (BackendProvider p : list) {
            BackendProvider previous = byName.putIfAbsent(p.name().toLowerCase(Locale.ROOT), p);
            if (previous != null) {
                LOG.warn("Two gan backends are named '{}': {} and {}; using the first",
                        p.name(), previous.getClass().getName(), p.getClass().getName());
            }
        }
        return byName;
    }
}

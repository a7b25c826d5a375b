package dev.adversarial.gan.cli;

import com.google.inject.Singleton;
import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Backends;
import java.util.Locale;

/**
 * Starts the backend a command was asked for, with errors in the command line's words. The device
 * goes to the provider as an argument ({@link Backends#get(String, String)}), not through a system
 * property, and backends are kept per (name, device), so a second command in the same JVM that
 * asks for another device gets it instead of the first one's backend.
 */
@Singleton
final class BackendFactory {
    /**
     * @param name   the backend's name, or null for the default choice
     * @param device "gpu", "cpu" or null for the backend's default
     * @param origin where the name came from, for messages: "--backend", or a file such as run.json
     */
    Backend backend(String name, String device, String origin) {
        String d = device == null ? null : device.trim().toLowerCase(Locale.ROOT);
        if (d != null && !d.equals("gpu") && !d.equals("cpu")) {
            throw new IllegalArgumentException("--device must be gpu or cpu, got '" + device + "'");
        }
        String option = origin.equals("--backend") ? "--backend " + name : name + " (from " + origin + ")";
        if (name != null && !Backends.available().contains(name.trim().toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("Unknown backend " + option + "; available: "
                    + String.join(", ", Backends.available()) + ". Pass one of those to --backend.");
        }
        Backend b;
        try {
            b = Backends.get(name, d);
        } catch (RuntimeException e) {
            // A provider refuses a device it cannot use with IllegalArgumentException (BackendProvider.create(device)).
            if ("gpu".equals(d) && name != null && root(e) instanceof IllegalArgumentException) {
                throw new IllegalArgumentException("--device gpu was given, but the " + name + " backend runs on"
                        + " the CPU only: train on a GPU with --backend djl --device gpu (it needs a CUDA build of"
                        + " libtorch, see gan-backend-djl/README.md), or leave out --device", e);
            }
            String which = name != null ? "Backend " + option : "No backend";
            throw new IllegalStateException(which + " could not start" + (d == null ? "" : " on --device " + d) + ": "
                    + rootMessage(e).replace("ask for device cpu", "use --device cpu"), e);
        }
        if ("gpu".equals(d) && !onGpu(b)) {
            throw new IllegalArgumentException("--device gpu was given, but the " + b.name() + " backend runs on "
                    + b.device() + (b.name().equals("cpu") ? ", the CPU only: train on a GPU with --backend djl --device gpu"
                    + " (it needs a CUDA build of libtorch, see gan-backend-djl/README.md), or leave out --device"
                    : "; leave out --device or choose a backend that sees a GPU"));
        }
        return b;
    }

    private static boolean onGpu(Backend b) {
        String d = b.device().toLowerCase(Locale.ROOT);
        return d.startsWith("gpu") || d.contains("cuda");
    }

    /** The innermost message: Backends wraps the provider's own explanation in "failed to start: " + exception. */
    private static String rootMessage(Throwable e) {
        Throwable t = root(e);
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }

    private static Throwable root(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t && t.getCause().getMessage() != null) {
            t = t.getCause();
        }
        return t;
    }
}

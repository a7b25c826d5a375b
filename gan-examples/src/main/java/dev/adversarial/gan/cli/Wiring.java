package dev.adversarial.gan.cli;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.ProvisionException;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.TypeLiteral;
import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Backends;
import dev.adversarial.gan.recipes.Recipe;
import dev.adversarial.gan.recipes.RecipesModule;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Builds the Guice injector for one command: the recipes, and the backend the user chose.
 *
 * <p>Errors come out in the command line's words: Guice reports a failing provider as a
 * provisioning dump of twenty-odd lines, and {@link Backends} names its own inputs
 * ({@code -Dgan.backend}, {@code -Dgan.djl.device}); a user who typed {@code --backend} and
 * {@code --device} gets one sentence about those options instead.
 */
final class Wiring {
    /** The system property through which the DJL backend reads its device (DjlBackendProvider.DEVICE_PROPERTY). */
    static final String DJL_DEVICE_PROPERTY = "gan.djl.device";

    private final Injector injector;
    private final String backendName;
    private final String device;
    private final String backendOrigin;

    Wiring(String backendName, String device) {
        this(backendName, device, "--backend");
    }

    /** {@code backendOrigin} says where {@code backendName} came from, for messages (e.g. "run.json"). */
    Wiring(String backendName, String device, String backendOrigin) {
        this.device = device == null ? null : device.trim().toLowerCase(Locale.ROOT);
        if (this.device != null && !this.device.equals("gpu") && !this.device.equals("cpu")) {
            throw new IllegalArgumentException("--device must be gpu or cpu, got '" + device + "'");
        }
        this.backendName = backendName;
        this.backendOrigin = backendOrigin;
        this.injector = Guice.createInjector(new RecipesModule(), new AbstractModule() {
            @Provides
            @Singleton
            Backend backend() {
                return createBackend();
            }
        });
    }

    Map<String, Recipe> recipes() {
        return unwrap(() -> injector.getInstance(Key.get(new TypeLiteral<Map<String, Recipe>>() { })));
    }

    Recipe recipe(String name) {
        Recipe r = recipes().get(name);
        if (r == null) {
            throw new IllegalArgumentException("Unknown recipe '" + name + "'. Available: "
                    + String.join(", ", new TreeSet<>(recipes().keySet())));
        }
        return r;
    }

    Backend backend() {
        return unwrap(() -> injector.getInstance(Backend.class));
    }

    private Backend createBackend() {
        String option = backendOrigin.equals("--backend") ? "--backend " + backendName : backendName + " (from "
                + backendOrigin + ")";
        if (backendName != null && !Backends.available().contains(backendName.trim().toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("Unknown backend " + option + "; available: "
                    + String.join(", ", Backends.available()) + ". Pass one of those to --backend.");
        }
        // The DJL backend reads its device from a system property when it starts; set it for this
        // creation only, so that one command's --device does not leak into the next in the same JVM.
        String previous = System.getProperty(DJL_DEVICE_PROPERTY);
        if (device != null) {
            System.setProperty(DJL_DEVICE_PROPERTY, device);
        }
        Backend b;
        try {
            b = backendName == null ? Backends.get() : Backends.get(backendName);
        } catch (RuntimeException e) {
            String which = backendName != null ? "Backend " + option : "No backend";
            throw new IllegalStateException(which + " could not start: " + inOptionWords(rootMessage(e)), e);
        } finally {
            if (previous == null) {
                System.clearProperty(DJL_DEVICE_PROPERTY);
            } else {
                System.setProperty(DJL_DEVICE_PROPERTY, previous);
            }
        }
        if ("gpu".equals(device) && !onGpu(b)) {
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
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t && t.getCause().getMessage() != null) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }

    /** The DJL provider speaks of -Dgan.djl.device=X; here that setting is the --device option. */
    private String inOptionWords(String message) {
        return device == null ? message : message.replace("-D" + DJL_DEVICE_PROPERTY + "=", "--device ");
    }

    /** Guice wraps a provider's exception in a ProvisionException whose message is a multi-line dump. */
    private static <T> T unwrap(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (ProvisionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }
}

package dev.adversarial.gan.djl;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;
import dev.adversarial.gan.api.BackendProvider;
import dev.adversarial.gan.api.Kernels;
import java.util.Locale;
import java.util.Properties;

/**
 * The backend on Deep Java Library's PyTorch engine. Constructing this provider runs no DJL
 * code, so ServiceLoader can list it for free; {@link #create()} loads libtorch.
 *
 * <p>Device: a GPU when DJL sees one, else the CPU. The caller chooses with {@link #create(String)}
 * ({@code Backends.get("djl", "gpu")}, the command line's {@code --device}); a library user who
 * cannot pass one may set {@code -Dgan.djl.device=gpu|cpu}, which {@link #create()} reads. Asking
 * for a GPU that is not there is an error rather than a silent fall-back.
 *
 * <p>Its priority (50) is below the pure-Java backend's (100): with both on the class path the
 * backend that needs no native code is the default, and users pick this one with
 * {@code -Dgan.backend=djl}.
 */
public final class DjlBackendProvider implements BackendProvider {
    public static final String NAME = "djl";
    /** System property naming the device: "gpu" or "cpu". Unset: a GPU if there is one. */
    public static final String DEVICE_PROPERTY = "gan.djl.device";

    static final String OFFLINE_PROPERTY = "ai.djl.offline";
    static final String OFFLINE_ENVIRONMENT = "DJL_OFFLINE";
    private static final String ENGINE = "PyTorch";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 50;
    }

    @Override
    public String artifact() {
        return "dev.adversarial:gan-backend-djl";
    }

    /** The device from {@code -Dgan.djl.device}, else a GPU when there is one. */
    @Override
    public Kernels create() {
        return create(System.getProperty(DEVICE_PROPERTY));
    }

    @Override
    public Kernels create(String device) {
        // Must happen before the first use of ai.djl.engine.Engine: its static initialiser
        // already reads the setting (it decides there whether to send DJL's usage telemetry).
        defaultToOffline(System.getProperties(), System.getenv(OFFLINE_ENVIRONMENT));
        Engine engine = loadEngine();
        Device chosen = chooseDevice(device, engine.getGpuCount(), engine.hasCapability(StandardCapabilities.CUDA));
        return new DjlKernels(engine.newBaseManager(chosen));
    }

    /**
     * Turns on DJL's offline mode unless the user chose either way. This module ships libtorch
     * and its JNI bridge as jars, so DJL needs no network; without the flag DJL would, as a side
     * effect of picking a backend, query the EC2 metadata service (and on EC2 send usage
     * telemetry), and when a native library is missing would try to download one instead of
     * failing with a message that names the fix. Users who want DJL's download (CUDA builds, other
     * platforms) set {@code -Dai.djl.offline=false} or {@code DJL_OFFLINE=false}.
     */
    static void defaultToOffline(Properties properties, String environment) {
        if (properties.getProperty(OFFLINE_PROPERTY) == null && environment == null) {
            properties.setProperty(OFFLINE_PROPERTY, "true");
        }
    }

    private static Engine loadEngine() {
        try {
            return Engine.getEngine(ENGINE);
        } catch (RuntimeException | LinkageError e) {
            // EngineException (libraries missing, download refused), UnsatisfiedLinkError (a
            // libtorch built for another platform or glibc), IllegalArgumentException (engine jar
            // missing): all mean the same to a user, so they get one message naming the fixes.
            throw new IllegalStateException(loadFailure(e), e);
        }
    }

    static String loadFailure(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String cause = root == e ? String.valueOf(e) : e + " (caused by " + root + ")";
        return "DJL could not load its PyTorch engine: " + cause + ". gan-backend-djl brings libtorch 2.7.1 for"
                + " the CPU as ai.djl.pytorch:pytorch-native-cpu:2.7.1 with the classifier of the machine that built"
                + " the application (linux-x86_64, linux-aarch64, osx-aarch64 or win-x86_64) together with"
                + " ai.djl.pytorch:pytorch-jni:2.7.1-0.35.1; check that both are on the runtime class path and that"
                + " DJL's cache directory (~/.djl.ai, or DJL_CACHE_DIR) is writable. On other platforms, or for CUDA,"
                + " either point PYTORCH_LIBRARY_PATH at a libtorch 2.7.1 lib directory and set PYTORCH_VERSION=2.7.1"
                + " and PYTORCH_FLAVOR (cpu or cu128), or let DJL download libtorch by running with network access and"
                + " -Dai.djl.offline=false. Details: gan-backend-djl/README.md";
    }

    /**
     * The device to put every array on.
     *
     * @param requested "gpu", "cpu", or null for a GPU when there is one
     * @param gpuCount  GPUs DJL sees (0 with a CPU-only libtorch)
     * @param cudaBuild whether the loaded libtorch was built with CUDA, for the error message
     */
    static Device chooseDevice(String requested, int gpuCount, boolean cudaBuild) {
        String want = requested == null ? "" : requested.trim().toLowerCase(Locale.ROOT);
        switch (want) {
            case "":
                return gpuCount > 0 ? Device.gpu(0) : Device.cpu();
            case "cpu":
                return Device.cpu();
            case "gpu":
                if (gpuCount > 0) {
                    return Device.gpu(0);
                }
                throw new IllegalStateException("Device gpu was asked for, but DJL sees no GPU: "
                        + (cudaBuild ? "the loaded libtorch has CUDA, yet no CUDA device is visible (check nvidia-smi"
                                + " and CUDA_VISIBLE_DEVICES)"
                                : "the loaded libtorch is the CPU-only build")
                        + ". Supply a CUDA build of libtorch 2.7.1 as gan-backend-djl/README.md describes, or ask"
                        + " for device cpu.");
            default:
                throw new IllegalArgumentException("The djl backend's device must be 'gpu' or 'cpu', got '"
                        + requested + "'");
        }
    }
}

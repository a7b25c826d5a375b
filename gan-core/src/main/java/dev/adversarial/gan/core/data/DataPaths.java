package dev.adversarial.gan.core.data;

import java.nio.file.Path;

/**
 * Where data sets live on disk. Resolution order for the cache directory (first one set wins):
 * <ol>
 *   <li>the system property {@value #PROPERTY} ({@code -Dgan.data.dir=/data/gan});</li>
 *   <li>the environment variable {@value #ENVIRONMENT};</li>
 *   <li>{@code ~/.cache/gan}, the XDG-style per-user cache, so nothing lands in the project tree.</li>
 * </ol>
 * The property beats the environment so that one run can be pointed elsewhere without changing
 * the shell, the same rule {@code Backends} uses for {@code gan.backend}.
 */
public final class DataPaths {
    public static final String PROPERTY = "gan.data.dir";
    public static final String ENVIRONMENT = "GAN_DATA_DIR";
    /** Where the Debian package {@code dataset-fashion-mnist} installs its four gzipped IDX files. */
    public static final Path FASHION_MNIST_SYSTEM_DIR = Path.of("/usr/share/datasets/fashion-mnist");

    private DataPaths() {
    }

    /** The cache directory for downloaded data sets, by the rules above (not created here). */
    public static Path cacheDir() {
        return resolve(System.getProperty(PROPERTY), System.getenv(ENVIRONMENT), System.getProperty("user.home"));
    }

    /** The rules of {@link #cacheDir()} on explicit inputs, so tests need not touch the real environment. */
    static Path resolve(String property, String environment, String userHome) {
        if (property != null && !property.isBlank()) {
            return Path.of(property.trim()).toAbsolutePath();
        }
        if (environment != null && !environment.isBlank()) {
            return Path.of(environment.trim()).toAbsolutePath();
        }
        if (userHome == null || userHome.isBlank()) {
            throw new IllegalStateException("Cannot choose a data cache directory: user.home is not set. Set -D"
                    + PROPERTY + "=/some/dir or the environment variable " + ENVIRONMENT + ".");
        }
        return Path.of(userHome, ".cache", "gan").toAbsolutePath();
    }
}

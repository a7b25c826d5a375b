package dev.adversarial.gan.cli;

import com.google.inject.Singleton;
import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.core.provenance.Provenance;
import dev.adversarial.gan.recipes.Recipe;
import dev.adversarial.gan.recipes.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The one place a run's {@link Provenance} is made. run.json, every checkpoint and every ONNX
 * export take it from here (the export copies it from the checkpoint), so the three always agree.
 * What it looks up once per JVM: DJL's and libtorch's versions (when the djl backend runs) and the
 * git commit of the checkout the classes were built in.
 */
@Singleton
final class RunProvenance {
    private String gitCommit;
    private boolean gitLooked;

    Provenance of(Recipe recipe, Settings settings, long seed, Backend backend) {
        boolean djl = backend.name().equals("djl");
        String libtorch = djl ? libtorchVersion() : null;
        String[] deviceAndKernel = splitDevice(backend.device(), libtorch);
        return new Provenance(recipe.name(), settings.asMap(), seed, backend.name(), deviceAndKernel[0],
                deviceAndKernel[1], new Provenance.Versions(Versions.project(), Versions.java(),
                djl ? djlVersion() : null, libtorch), gitCommit());
    }

    /**
     * The CPU backend reports "cpu (vector 512-bit 10×32, 2 threads)": the device, then its kernel
     * in parentheses. The djl backend reports DJL's device ("gpu(0)"); its kernel is libtorch.
     */
    static String[] splitDevice(String reported, String libtorch) {
        int open = reported.indexOf(" (");
        if (open > 0 && reported.endsWith(")")) {
            return new String[] {reported.substring(0, open), reported.substring(open + 2, reported.length() - 1)};
        }
        return new String[] {reported, libtorch == null ? null : "libtorch " + libtorch};
    }

    /** DJL's version from its API jar's manifest; "unknown" when the jar does not say. */
    private static String djlVersion() {
        try {
            Package p = Class.forName("ai.djl.engine.Engine").getPackage();
            return p != null && p.getSpecificationVersion() != null ? p.getSpecificationVersion() : "unknown";
        } catch (ClassNotFoundException e) {
            return "unknown";
        }
    }

    /** libtorch's version, from the JNI bridge's "2.7.1-0.35.1" (libtorch version, then DJL's). */
    private static String libtorchVersion() {
        try (InputStream in = RunProvenance.class.getResourceAsStream("/jnilib/pytorch.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String jni = p.getProperty("jni_version", "unknown");
            return jni.contains("-") ? jni.substring(0, jni.indexOf('-')) : jni;
        } catch (IOException e) {
            return "unknown";
        }
    }

    /**
     * The commit of the git checkout these classes were built in (target/classes under a
     * repository), with "-modified" when tracked files differ from it; null when run from a jar
     * outside a checkout or when git is not installed.
     */
    synchronized String gitCommit() {
        if (!gitLooked) {
            gitLooked = true;
            gitCommit = lookUpGitCommit();
        }
        return gitCommit;
    }

    private static String lookUpGitCommit() {
        try {
            Path code = Path.of(RunProvenance.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isDirectory(code)) {
                return null; // a jar: an installed release, not a checkout
            }
            for (Path d = code; d != null; d = d.getParent()) {
                if (Files.exists(d.resolve(".git"))) {
                    String head = git(d, "rev-parse", "HEAD");
                    if (head == null || head.isEmpty()) {
                        return null;
                    }
                    String changes = git(d, "status", "--porcelain", "--untracked-files=no");
                    return changes == null || changes.isEmpty() ? head : head + "-modified";
                }
            }
            return null;
        } catch (RuntimeException | java.net.URISyntaxException e) {
            return null;
        }
    }

    private static String git(Path dir, String... args) {
        String[] command = new String[args.length + 3];
        command[0] = "git";
        command[1] = "-C";
        command[2] = dir.toString();
        System.arraycopy(args, 0, command, 3, args.length);
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroy();
                return null;
            }
            return new String(out, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return null; // no git on this machine
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}

package dev.adversarial.gan.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine;

/** This project's version and the machine facts a run records beside its provenance. */
public final class Versions {
    private Versions() {
    }

    /** This project's version, from the resource Maven filters at build time. */
    public static String project() {
        try (InputStream in = Versions.class.getResourceAsStream("/gan-version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The JVM's version and name, e.g. "17.0.15 (OpenJDK 64-Bit Server VM)". */
    public static String java() {
        return System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")";
    }

    /** The machine a run ran on (run.json's "machine"; the versions are in its provenance). */
    public static Map<String, String> machine() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        m.put("processors", Integer.toString(Runtime.getRuntime().availableProcessors()));
        return m;
    }

    /** picocli's --version. */
    public static final class Provider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"gan " + project() + " on Java " + System.getProperty("java.version")};
        }
    }
}

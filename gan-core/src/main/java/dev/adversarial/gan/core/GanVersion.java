package dev.adversarial.gan.core;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * This library's version, as Maven built it (a filtered resource, so it is right in a plain jar
 * on any class path, with or without a manifest). Exported files record it; "unknown" when the
 * classes were compiled outside Maven.
 */
public final class GanVersion {
    private static final String VERSION = load();

    private GanVersion() {
    }

    /** The version of gan-core on the class path, e.g. "0.1.0-SNAPSHOT". */
    public static String version() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = GanVersion.class.getResourceAsStream("gan-version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "unknown");
            return v.startsWith("${") ? "unknown" : v; // an unfiltered copy (an IDE build)
        } catch (IOException e) {
            return "unknown";
        }
    }
}

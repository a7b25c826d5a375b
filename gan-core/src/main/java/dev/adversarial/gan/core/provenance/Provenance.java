package dev.adversarial.gan.core.provenance;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a model came from, as Tribuo records it for its models: the recipe and every setting, the
 * seed, the backend with its device and kernel, the versions of what ran, and the git commit when
 * the run came from a checkout. One record, created once per run, is what run.json, every
 * checkpoint's metadata and every exported ONNX model's metadata say, so the three cannot drift
 * apart; a round-trip test reads it back from each.
 *
 * <p>Files whose metadata must be strings (safetensors, ONNX) get it flattened by
 * {@link #toMetadata()}: one entry per fact, settings as {@code settings.NAME} entries (never JSON
 * inside a string). run.json gets the typed form of {@link #toJson()}.
 *
 * @param settings every setting of the recipe, by name, in the recipe's order
 * @param kernel   what computes inside the backend (the CPU backend's matrix kernel, libtorch), or
 *                 null when the backend does not say
 * @param gitCommit the commit of the checkout the code was built from, or null (a released jar)
 */
public record Provenance(String recipe, Map<String, String> settings, long seed, String backend, String device,
                         String kernel, Versions versions, String gitCommit) {
    /** Metadata keys. {@code gan_version} is also what ONNX's producer_version is taken from. */
    public static final String RECIPE = "recipe";
    public static final String SEED = "seed";
    public static final String BACKEND = "backend";
    public static final String DEVICE = "device";
    public static final String KERNEL = "kernel";
    public static final String GAN_VERSION = "gan_version";
    public static final String JAVA_VERSION = "java_version";
    public static final String DJL_VERSION = "djl_version";
    public static final String LIBTORCH_VERSION = "libtorch_version";
    public static final String GIT_COMMIT = "git_commit";
    /** Each setting NAME is the metadata entry {@code settings.NAME}. */
    public static final String SETTING_PREFIX = "settings.";

    /**
     * @param djl      DJL's version when the run used the djl backend, else null
     * @param libtorch libtorch's version when the run used the djl backend, else null
     */
    public record Versions(String gan, String java, String djl, String libtorch) {
        public Versions {
            require(gan, "gan version");
            require(java, "Java version");
        }
    }

    public Provenance {
        require(recipe, "recipe");
        require(backend, "backend");
        require(device, "device");
        if (versions == null) {
            throw new IllegalArgumentException("Provenance needs the versions that ran");
        }
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /** The same facts with other settings: a recipe's data can fix settings after the run is created. */
    public Provenance withSettings(Map<String, String> newSettings) {
        return new Provenance(recipe, newSettings, seed, backend, device, kernel, versions, gitCommit);
    }

    /** One string per fact, for safetensors and ONNX metadata; absent facts have no entry. */
    public Map<String, String> toMetadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(RECIPE, recipe);
        m.put(SEED, Long.toString(seed));
        m.put(BACKEND, backend);
        m.put(DEVICE, device);
        putIfPresent(m, KERNEL, kernel);
        m.put(GAN_VERSION, versions.gan());
        m.put(JAVA_VERSION, versions.java());
        putIfPresent(m, DJL_VERSION, versions.djl());
        putIfPresent(m, LIBTORCH_VERSION, versions.libtorch());
        putIfPresent(m, GIT_COMMIT, gitCommit);
        settings.forEach((k, v) -> m.put(SETTING_PREFIX + k, v));
        return m;
    }

    /**
     * Reads what {@link #toMetadata()} wrote; other entries (the epoch, export facts) are ignored.
     *
     * @param source names the file for error messages
     */
    public static Provenance fromMetadata(Map<String, String> m, String source) {
        Map<String, String> settings = settingsFrom(m);
        long seed;
        try {
            seed = Long.parseLong(required(m, SEED, source).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source + " has seed '" + m.get(SEED) + "', not a whole number; it was"
                    + " not written by this project");
        }
        try {
            return new Provenance(required(m, RECIPE, source), settings, seed, required(m, BACKEND, source),
                    required(m, DEVICE, source), m.get(KERNEL), new Versions(required(m, GAN_VERSION, source),
                    required(m, JAVA_VERSION, source), m.get(DJL_VERSION), m.get(LIBTORCH_VERSION)), m.get(GIT_COMMIT));
        } catch (IllegalArgumentException e) {
            if (e.getMessage().startsWith(source)) {
                throw e;
            }
            // An entry present but blank: the record's own check, said about the file it came from.
            throw new IllegalArgumentException(source + ": " + e.getMessage() + "; it was not written by this project", e);
        }
    }

    /** The {@code settings.NAME} entries of flat metadata, by NAME: all a model rebuild needs. */
    public static Map<String, String> settingsFrom(Map<String, String> metadata) {
        Map<String, String> settings = new LinkedHashMap<>();
        metadata.forEach((k, v) -> {
            if (k.startsWith(SETTING_PREFIX)) {
                settings.put(k.substring(SETTING_PREFIX.length()), v);
            }
        });
        return settings;
    }

    /** The typed form for JSON files (run.json): settings and versions as objects, the seed a number. */
    public Map<String, Object> toJson() {
        Map<String, Object> versionMap = new LinkedHashMap<>();
        versionMap.put("gan", versions.gan());
        versionMap.put("java", versions.java());
        putIfPresent(versionMap, "djl", versions.djl());
        putIfPresent(versionMap, "libtorch", versions.libtorch());
        Map<String, Object> j = new LinkedHashMap<>();
        j.put(RECIPE, recipe);
        j.put("settings", settings);
        j.put(SEED, seed);
        j.put(BACKEND, backend);
        j.put(DEVICE, device);
        putIfPresent(j, KERNEL, kernel);
        j.put("versions", versionMap);
        putIfPresent(j, GIT_COMMIT, gitCommit);
        return j;
    }

    /** Reads {@link #toJson()}'s form back (after a JSON parser has turned it into maps). */
    public static Provenance fromJson(Map<String, ?> j, String source) {
        Map<String, String> settings = stringMap(j.get("settings"), "settings", source);
        Map<String, String> v = stringMap(j.get("versions"), "versions", source);
        Map<String, String> flat = new LinkedHashMap<>();
        j.forEach((k, value) -> {
            if (value != null && !(value instanceof Map<?, ?>)) {
                flat.put(k, String.valueOf(value));
            }
        });
        putIfPresent(flat, GAN_VERSION, v.get("gan"));
        putIfPresent(flat, JAVA_VERSION, v.get("java"));
        putIfPresent(flat, DJL_VERSION, v.get("djl"));
        putIfPresent(flat, LIBTORCH_VERSION, v.get("libtorch"));
        settings.forEach((k, value) -> flat.put(SETTING_PREFIX + k, value));
        return fromMetadata(flat, source);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Settings as checkpoints before gan-checkpoint/3 kept them: a JSON object inside one string.
     * Only the reader of that old format needs this.
     */
    public static Map<String, String> settingsFromLegacyJson(String json, String source) {
        try {
            Map<String, String> m = JSON.readValue(json, new TypeReference<LinkedHashMap<String, String>>() { });
            return m == null ? Map.of() : m;
        } catch (IOException e) {
            throw new IllegalArgumentException(source + " records its settings as '" + json + "', which is not a JSON"
                    + " object of names to values; it was not written by this project's trainer");
        }
    }

    private static Map<String, String> stringMap(Object value, String key, String source) {
        if (!(value instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException(source + " has no '" + key + "' object; it was not written by this"
                    + " project");
        }
        Map<String, String> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
        return out;
    }

    private static String required(Map<String, String> m, String key, String source) {
        String v = m.get(key);
        if (v == null) {
            throw new IllegalArgumentException(source + " has no '" + key + "' entry in its provenance; it was not"
                    + " written by this project");
        }
        return v;
    }

    private static <V> void putIfPresent(Map<String, V> m, String key, V value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    private static void require(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Provenance needs the " + what + ", which is missing or blank");
        }
    }
}

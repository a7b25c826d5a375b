package dev.adversarial.gan.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.adversarial.gan.core.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * DIR/run.json, a run's provenance (as Tribuo records for its models): the recipe, every setting,
 * the seed, backend, device, versions, data, start and end times and how the run ended. It is
 * rewritten atomically whenever something changes, so it always describes the run as it stands.
 */
final class RunRecord {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** One line: settings travel inside checkpoint and ONNX metadata, where a line break is a nuisance. */
    private static final ObjectMapper COMPACT = new ObjectMapper();
    private final Path file;
    private final Map<String, Object> fields;

    private RunRecord(Path file, Map<String, Object> fields) {
        this.file = file;
        this.fields = fields;
    }

    static RunRecord create(Path dir) {
        return new RunRecord(dir.resolve("run.json"), new LinkedHashMap<>());
    }

    static RunRecord read(Path dir) throws IOException {
        Path f = dir.resolve("run.json");
        try {
            return new RunRecord(f, JSON.readValue(Files.readAllBytes(f), new TypeReference<LinkedHashMap<String, Object>>() { }));
        } catch (NoSuchFileException e) {
            throw new IOException(dir + " is not a run directory: it has no run.json (runs are made by `gan train --out DIR`)", e);
        }
    }

    RunRecord put(String key, Object value) {
        fields.put(key, value);
        return this;
    }

    Object get(String key) {
        Object v = fields.get(key);
        if (v == null) {
            throw new IllegalArgumentException(file + " has no '" + key + "' entry; it was not written by `gan train`");
        }
        return v;
    }

    /** The entry, or null when the record has none. */
    Object optional(String key) {
        return fields.get(key);
    }

    String string(String key) {
        return String.valueOf(get(key));
    }

    @SuppressWarnings("unchecked")
    Map<String, String> map(String key) {
        Map<String, String> out = new LinkedHashMap<>();
        ((Map<String, Object>) get(key)).forEach((k, v) -> out.put(k, String.valueOf(v)));
        return out;
    }

    static String now() {
        return Instant.now().toString();
    }

    void save() throws IOException {
        AtomicFiles.write(file, out -> JSON.writeValue(out, fields));
    }

    static String toJson(Map<String, String> m) {
        try {
            return COMPACT.writeValueAsString(m);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> fromJson(String s) {
        try {
            return JSON.readValue(s, new TypeReference<LinkedHashMap<String, String>>() { });
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot parse recorded settings: " + e.getMessage(), e);
        }
    }
}

package dev.adversarial.gan.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.adversarial.gan.core.io.AtomicFiles;
import dev.adversarial.gan.core.provenance.Provenance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * DIR/run.json, a run's provenance (as Tribuo records for its models): the recipe, every setting,
 * the seed, backend, device, versions, data, start and end times and how the run ended. It is
 * rewritten atomically whenever something changes, so it always describes the run as it stands.
 */
final class RunRecord {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    /** One line, for settings shown in a sweep's header. */
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
            return parse(Files.readAllBytes(f), f);
        } catch (NoSuchFileException e) {
            throw new IOException(dir + " is not a run directory: it has no run.json (runs are made by `gan train --out DIR`)", e);
        }
    }

    /** Decodes run.json content; anything but a JSON object is an IOException naming {@code file}. */
    static RunRecord parse(byte[] json, Path file) throws IOException {
        Map<String, Object> fields;
        try {
            fields = JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (IOException e) {
            // Not only JacksonException: its encoding detection throws CharConversionException for bytes that look
            // like UTF-32 (found by RunRecordFuzzTest).
            String why = e instanceof com.fasterxml.jackson.core.JacksonException j ? j.getOriginalMessage() : e.getMessage();
            throw new IOException(file + " cannot be read as a run record (" + why + "); it is"
                    + " written by `gan train`, so restore it or start the run again in a new directory", e);
        }
        if (fields == null) {
            throw new IOException(file + " holds null instead of a run record");
        }
        return new RunRecord(file, fields);
    }

    /** The run's provenance, as its typed JSON form (recipe, settings, seed, backend, device, versions, …). */
    RunRecord putProvenance(Provenance p) {
        fields.putAll(p.toJson());
        return this;
    }

    /** The provenance this record holds; run.json files of earlier versions read the same way. */
    Provenance provenance() {
        return Provenance.fromJson(fields, file.toString());
    }

    RunRecord put(String key, Object value) {
        fields.put(key, value);
        return this;
    }

    /** Adds {@code value} to the list under {@code key}, starting the list if there is none. */
    @SuppressWarnings("unchecked")
    RunRecord append(String key, Object value) {
        Object list = fields.get(key);
        if (!(list instanceof java.util.List<?>)) {
            list = new java.util.ArrayList<>();
            fields.put(key, list);
        }
        ((java.util.List<Object>) list).add(value);
        return this;
    }

    /** {@link #save()} from a training listener, where only unchecked exceptions may leave. */
    void saveUnchecked() {
        try {
            save();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
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

    Map<String, String> map(String key) {
        if (!(get(key) instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException(file + " has '" + key + "' = " + get(key) + " where a map of names to"
                    + " values belongs; it was not written by `gan train`");
        }
        Map<String, String> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
        return out;
    }

    long longValue(String key) {
        try {
            return Long.parseLong(string(key).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + " has '" + key + "' = " + get(key) + " where a whole number"
                    + " belongs; it was not written by `gan train`");
        }
    }

    int intValue(String key) {
        long v = longValue(key);
        if (v != (int) v) {
            throw new IllegalArgumentException(file + " has '" + key + "' = " + v + ", out of range");
        }
        return (int) v;
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
}

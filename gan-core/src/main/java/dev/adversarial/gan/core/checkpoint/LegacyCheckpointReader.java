package dev.adversarial.gan.core.checkpoint;

import dev.adversarial.gan.core.provenance.Provenance;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The reader of checkpoints written before {@value CheckpointFormat#FORMAT}
 * ({@code gan-checkpoint/1} and {@code /2}, and files with no format entry): their metadata kept
 * the settings as one JSON object inside a string ({@code "settings":"{\"lr\":\"0.1\",…}"}) and
 * the Rng state as comma-joined numbers ({@code "rng_state":"1,2,3,4"}). Both are converted here,
 * once, into the current shape ({@code settings.lr} entries, an int64 {@link Checkpoint#RNG_STATE}
 * array), so nothing downstream knows old files exist. Facts those formats did not record (the
 * device, the Java version) read as {@value #NOT_RECORDED}. Saving the converted checkpoint, as
 * every resumed epoch does, writes the current format.
 */
final class LegacyCheckpointReader {
    static final String NOT_RECORDED = "not recorded (checkpoint older than " + CheckpointFormat.FORMAT + ")";
    private static final String LEGACY_SETTINGS = "settings";
    private static final String LEGACY_RNG_STATE = "rng_state";

    private LegacyCheckpointReader() {
    }

    static Checkpoint upgrade(Checkpoint c, Path file) throws IOException {
        Map<String, String> meta = new LinkedHashMap<>(c.metadata());
        Map<String, long[]> integers = new LinkedHashMap<>(c.integers());
        String settings = meta.remove(LEGACY_SETTINGS);
        if (settings != null) {
            try {
                Provenance.settingsFromLegacyJson(settings, "Checkpoint " + file)
                        .forEach((k, v) -> meta.put(Provenance.SETTING_PREFIX + k, v));
            } catch (IllegalArgumentException e) {
                throw convertByHand(file, e.getMessage());
            }
        }
        String rng = meta.remove(LEGACY_RNG_STATE);
        if (rng != null) {
            try {
                integers.put(Checkpoint.RNG_STATE, Arrays.stream(rng.split(",")).map(String::trim)
                        .mapToLong(Long::parseLong).toArray());
            } catch (NumberFormatException e) {
                throw convertByHand(file, "its rng_state '" + rng + "' is not a comma-separated list of whole numbers");
            }
        }
        // Only files that carry provenance at all (a trainer's checkpoints) get the missing facts filled in.
        if (meta.containsKey(Provenance.RECIPE)) {
            meta.putIfAbsent(Provenance.DEVICE, NOT_RECORDED);
            meta.putIfAbsent(Provenance.JAVA_VERSION, NOT_RECORDED);
            meta.putIfAbsent(Provenance.BACKEND, NOT_RECORDED);
            meta.putIfAbsent(Provenance.GAN_VERSION, NOT_RECORDED);
        }
        return new Checkpoint(c.tensors(), integers, meta);
    }

    private static IOException convertByHand(Path file, String why) {
        return new IOException("Checkpoint " + file + " is in an older format (" + CheckpointFormat.PREVIOUS_FORMAT
                + " or before) and cannot be converted: " + why + ". Repair that metadata entry (Python's safetensors"
                + " package opens the file) or retrain, and it loads and is re-saved in " + CheckpointFormat.FORMAT);
    }
}

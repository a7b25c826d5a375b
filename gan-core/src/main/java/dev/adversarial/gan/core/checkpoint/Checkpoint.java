package dev.adversarial.gan.core.checkpoint;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Named float32 arrays, named int64 arrays and string metadata: what a checkpoint file holds.
 * Kept on the host (not on a backend) so that reading, validating and writing need no backend at
 * all. Whole numbers that are state rather than facts (the Rng's state words) are int64 arrays,
 * typed in the file, rather than numbers spelled out in a metadata string.
 */
public record Checkpoint(Map<String, Entry> tensors, Map<String, long[]> integers, Map<String, String> metadata) {
    /** The int64 array holding the run's random generator state ({@code Rng.state()}). */
    public static final String RNG_STATE = "rng.state";

    /** One array with its shape. */
    public record Entry(int[] shape, float[] values) {
        public Entry {
            long n = 1;
            for (int d : shape) {
                n *= d;
            }
            if (n != values.length) {
                throw new IllegalArgumentException("Checkpoint entry of shape " + java.util.Arrays.toString(shape)
                        + " needs " + n + " values, got " + values.length);
            }
        }
    }

    public Checkpoint {
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        Map<String, long[]> copied = new LinkedHashMap<>();
        integers.forEach((k, v) -> copied.put(k, v.clone()));
        integers = Collections.unmodifiableMap(copied);
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        for (String name : integers.keySet()) {
            if (tensors.containsKey(name)) {
                throw new IllegalArgumentException("'" + name + "' names both a float and an integer array");
            }
        }
    }

    /** A checkpoint without integer arrays. */
    public Checkpoint(Map<String, Entry> tensors, Map<String, String> metadata) {
        this(tensors, Map.of(), metadata);
    }

    /** The int64 array, or a clear error naming it when it is absent. */
    public long[] requireIntegers(String name) {
        long[] v = integers.get(name);
        if (v == null) {
            throw new IllegalArgumentException("Checkpoint has no integer array '" + name + "'; was it written by this"
                    + " project's trainer?");
        }
        return v.clone();
    }

    /** The metadata value, or a clear error naming the key when it is absent. */
    public String require(String key) {
        String v = metadata.get(key);
        if (v == null) {
            throw new IllegalArgumentException("Checkpoint has no '" + key + "' entry in its metadata; was it written"
                    + " by this project's trainer?");
        }
        return v;
    }

    /** The metadata value as a whole number, or a clear error naming the key. */
    public long requireLong(String key) {
        String v = require(key);
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Checkpoint metadata '" + key + "' is '" + v + "', not a whole number;"
                    + " was it written by this project's trainer?");
        }
    }

    /** {@link #requireLong} for values that must fit an int (epochs). */
    public int requireInt(String key) {
        long v = requireLong(key);
        if (v != (int) v) {
            throw new IllegalArgumentException("Checkpoint metadata '" + key + "' is " + v + ", out of range");
        }
        return (int) v;
    }

    public Entry requireTensor(String name) {
        Entry e = tensors.get(name);
        if (e == null) {
            throw new IllegalArgumentException("Checkpoint has no tensor '" + name + "'");
        }
        return e;
    }
}

package dev.adversarial.gan.core.checkpoint;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Named float32 arrays plus string metadata: what a checkpoint file holds. Kept on the host (not
 * on a backend) so that reading, validating and writing need no backend at all.
 */
public record Checkpoint(Map<String, Entry> tensors, Map<String, String> metadata) {

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
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
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

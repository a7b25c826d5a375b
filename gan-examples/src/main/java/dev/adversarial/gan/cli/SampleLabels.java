package dev.adversarial.gan.cli;

import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.core.io.Npy;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;

/**
 * The class labels {@code gan sample} feeds a conditional generator, one per sample, from the
 * command's options: {@code --label L} (one class, or a comma-separated list that cycles: sample i
 * gets the list's entry i mod its length, so {@code --label 3,5 --n 6} asks for 3, 5, 3, 5, 3, 5),
 * {@code --labels FILE.npy} (one integer label per sample), or, when neither is given, labels drawn
 * uniformly over the classes with the command's seed.
 *
 * <p>Every problem is an {@link IllegalArgumentException} that names the option or file, what was
 * wrong and what to pass instead, so the command can show it as one sentence.
 */
final class SampleLabels {
    /** Integer dtypes a labels file may hold (NumPy's codes without byte order). */
    private static final Set<String> INTEGER_DTYPES = Set.of("i1", "i2", "i4", "i8", "u1", "u2", "u4", "u8");
    /**
     * Mixed into the seed for drawn labels, so that they are not a function of the same stream as
     * the noise (which also starts from the seed).
     */
    private static final long LABEL_STREAM = 0x6c6162656c73L; // "labels"

    private SampleLabels() {
    }

    /** Parses {@code --label}: one class or a comma-separated list, each in [0, classes). */
    static int[] parseList(String text, int classes) {
        String[] parts = text.split(",", -1);
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].trim();
            try {
                out[i] = Integer.parseInt(p);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--label " + text + ": '" + p + "' is not a class number; give one"
                        + " class or a comma-separated list of classes from 0 to " + (classes - 1) + ", e.g. --label 7"
                        + " or --label 0,1,2");
            }
            if (out[i] < 0 || out[i] >= classes) {
                throw new IllegalArgumentException("--label " + text + ": class " + out[i] + " is out of range; this"
                        + " generator has " + classes + " classes, 0 to " + (classes - 1));
            }
        }
        return out;
    }

    /** {@code n} labels cycling through {@code list}. */
    static int[] cycle(int[] list, int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = list[i % list.length];
        }
        return out;
    }

    /**
     * Reads {@code --labels FILE.npy}: a 1-D (or [N, 1]) array of integers (int64, int32, uint8 or
     * another integer dtype), each in [0, classes).
     */
    static int[] read(Path file, int classes) throws IOException {
        Npy.Converted a;
        try {
            a = Npy.readConverted(file);
        } catch (IOException e) {
            throw new IOException("--labels " + file + ": " + e.getMessage(), e);
        }
        int[] shape = a.shape();
        boolean column = shape.length == 1 || (shape.length == 2 && shape[1] == 1);
        if (!column || shape[0] == 0) {
            throw new IllegalArgumentException("--labels " + file + " has shape " + Arrays.toString(shape) + "; it must"
                    + " hold one label per sample, shape [N] with N > 0 (np.save(path, labels.astype('int64')))");
        }
        if (!INTEGER_DTYPES.contains(a.dtype())) {
            throw new IllegalArgumentException("--labels " + file + " holds dtype '" + a.dtype() + "'; class labels"
                    + " must be integers: save them with np.save(path, labels.astype('int64'))");
        }
        float[] v = a.values();
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            // Integers beyond 2^24 lost precision in the conversion, but every one of them is out of range anyway.
            if (v[i] < 0 || v[i] >= classes) {
                throw new IllegalArgumentException("--labels " + file + " holds " + (long) v[i] + " at index " + i
                        + ", which is not a class of this generator: labels must be 0 to " + (classes - 1));
            }
            out[i] = (int) v[i];
        }
        return out;
    }

    /** {@code n} labels uniform over [0, classes), the same for the same seed on every path. */
    static int[] draw(int classes, long seed, int n) {
        Rng rng = new Rng(seed ^ LABEL_STREAM);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = rng.nextInt(classes);
        }
        return out;
    }

    /**
     * Where drawn (or given) labels are written beside the samples: {@code samples.npy} →
     * {@code samples-labels.npy}.
     */
    static Path besideSamples(Path samples) {
        String name = samples.getFileName().toString();
        String stem = name.toLowerCase(java.util.Locale.ROOT).endsWith(".npy") ? name.substring(0, name.length() - 4) : name;
        return samples.resolveSibling(stem + "-labels.npy");
    }

    /** How many samples of each class, e.g. "0: 12, 1: 9, ...", for the command's report. */
    static String counts(int[] labels, int classes) {
        int[] count = new int[classes];
        for (int y : labels) {
            count[y]++;
        }
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < classes; c++) {
            if (count[c] > 0) {
                sb.append(sb.length() == 0 ? "" : ", ").append(c).append(": ").append(count[c]);
            }
        }
        return sb.toString();
    }
}

package dev.adversarial.gan.core.data;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Tensor;
import java.util.Arrays;

/**
 * An immutable data set held in memory: {@code size()} examples of shape {@code exampleDims},
 * stored row-major in one float array, with an optional integer label per example.
 *
 * <p>One flat array (rather than an array per example) is what a minibatch wants: building a
 * batch is a handful of {@link System#arraycopy} calls into a reused buffer ({@link #gather}),
 * with no allocation per step. Images loaded from IDX files are scaled to [0, 1] by dividing
 * the byte value by 255, as in the paper's MNIST set-up.
 */
public final class ArrayDataset {
    private final String name;
    private final float[] values;
    private final int[] exampleDims;
    private final int exampleSize;
    private final int size;
    private final int[] labels;

    /**
     * A data set over a copy of {@code values} (so later changes to the caller's array cannot
     * reach it).
     *
     * @param name a short name for messages, e.g. "mnist-train"
     * @param values all examples, row-major; its length must be a multiple of the example size
     * @param exampleDims the shape of one example, every dimension at least 1
     * @param labelsOrNull one label per example, or null for an unlabelled set
     */
    public ArrayDataset(String name, float[] values, int[] exampleDims, int[] labelsOrNull) {
        this(name, checkNotNull(values, name).clone(), exampleDims, labelsOrNull == null ? null : labelsOrNull.clone(),
                true);
    }

    /** Takes ownership of the arrays without copying; for this package's loaders. */
    private ArrayDataset(String name, float[] values, int[] exampleDims, int[] labels, boolean owned) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A data set needs a non-blank name (used in messages)");
        }
        checkNotNull(values, name);
        if (exampleDims == null || exampleDims.length == 0) {
            throw new IllegalArgumentException("Data set '" + name + "': exampleDims must name at least one dimension,"
                    + " e.g. [784] for flat MNIST images or [2] for points in the plane; got "
                    + Arrays.toString(exampleDims));
        }
        long es = 1;
        for (int d : exampleDims) {
            if (d < 1) {
                throw new IllegalArgumentException("Data set '" + name + "': every example dimension must be at least 1,"
                        + " got " + Arrays.toString(exampleDims));
            }
            es *= d;
        }
        if (es > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Data set '" + name + "': example dims " + Arrays.toString(exampleDims)
                    + " hold more elements than an array can");
        }
        if (values.length % es != 0) {
            throw new IllegalArgumentException("Data set '" + name + "': " + values.length + " values are not a whole"
                    + " number of examples of " + es + " elements " + Arrays.toString(exampleDims) + " ("
                    + values.length % es + " left over)");
        }
        this.name = name;
        this.values = values;
        this.exampleDims = exampleDims.clone();
        this.exampleSize = (int) es;
        this.size = (int) (values.length / es);
        if (labels != null && labels.length != size) {
            throw new IllegalArgumentException("Data set '" + name + "': " + labels.length + " labels for " + size
                    + " examples; give exactly one label per example, or null");
        }
        this.labels = labels;
    }

    /**
     * {@code count} examples read from unsigned bytes starting at {@code offset}, each divided by
     * 255 so that pixels lie in [0, 1]. Labels are taken over without copying.
     */
    static ArrayDataset fromUnsignedBytes(String name, byte[] data, int offset, int count, int[] exampleDims,
            int[] labels) {
        int es = 1;
        for (int d : exampleDims) {
            es *= d;
        }
        float[] v = new float[Math.multiplyExact(count, es)];
        // Divide rather than multiply by a rounded 1/255: each value is then the correctly
        // rounded float of k/255, the same number a float32 pipeline in Python gets.
        for (int i = 0; i < v.length; i++) {
            v[i] = (data[offset + i] & 0xFF) / 255f;
        }
        return new ArrayDataset(name, v, exampleDims, labels, true);
    }

    /** A data set that takes ownership of {@code values} and {@code labels}; for this package's samplers. */
    static ArrayDataset owning(String name, float[] values, int[] exampleDims, int[] labels) {
        return new ArrayDataset(name, values, exampleDims, labels, true);
    }

    public String name() {
        return name;
    }

    /** Number of examples. */
    public int size() {
        return size;
    }

    /** The shape of one example (a copy). */
    public int[] exampleDims() {
        return exampleDims.clone();
    }

    /** Elements per example: the product of {@link #exampleDims()}. */
    public int exampleSize() {
        return exampleSize;
    }

    /**
     * All values, row-major, {@code size() * exampleSize()} long. This is the internal array, not a
     * copy, so that evaluation code can scan 157 MB of MNIST without duplicating it: treat it as
     * read-only. Writing to it breaks the immutability every other user relies on.
     */
    public float[] values() {
        return values;
    }

    /** Whether every example has a label. */
    public boolean hasLabels() {
        return labels != null;
    }

    /** The labels (a copy), or null for an unlabelled data set. */
    public int[] labels() {
        return labels == null ? null : labels.clone();
    }

    /** The label of example {@code i}; fails clearly on an unlabelled data set. */
    public int label(int i) {
        if (labels == null) {
            throw new IllegalStateException("Data set '" + name + "' has no labels");
        }
        checkIndex(i);
        return labels[i];
    }

    /** A copy of example {@code i}'s values. */
    public float[] example(int i) {
        checkIndex(i);
        return Arrays.copyOfRange(values, i * exampleSize, (i + 1) * exampleSize);
    }

    /** Examples [from, to) as a new data set (copied), e.g. the paper's train[0:50000]. */
    public ArrayDataset subset(int from, int to) {
        return subset(from, to, name + "[" + from + ":" + to + "]");
    }

    /** {@link #subset(int, int)} with a chosen name. */
    public ArrayDataset subset(int from, int to, String newName) {
        if (from < 0 || to > size || from > to) {
            throw new IllegalArgumentException("subset [" + from + ", " + to + ") is outside data set '" + name
                    + "' of " + size + " examples");
        }
        float[] v = Arrays.copyOfRange(values, from * exampleSize, to * exampleSize);
        int[] l = labels == null ? null : Arrays.copyOfRange(labels, from, to);
        return new ArrayDataset(newName, v, exampleDims, l, true);
    }

    /**
     * Copies the examples {@code indices[from .. from+count)} into {@code dst}, one row after
     * another, so a training loop can refill one buffer per minibatch without allocating.
     * {@code dst} must hold at least {@code count * exampleSize()} floats; the rest is untouched.
     */
    public void gather(int[] indices, int from, int count, float[] dst) {
        checkBatch(indices, from, count);
        long need = (long) count * exampleSize;
        if (dst.length < need) {
            throw new IllegalArgumentException("gather of " + count + " examples of " + exampleSize + " elements from '"
                    + name + "' needs a buffer of " + need + " floats, got " + dst.length);
        }
        for (int k = 0; k < count; k++) {
            int i = indices[from + k];
            checkIndex(i);
            System.arraycopy(values, i * exampleSize, dst, k * exampleSize, exampleSize);
        }
    }

    /** Copies the labels of {@code indices[from .. from+count)} into {@code dst}, like {@link #gather}. */
    public void gatherLabels(int[] indices, int from, int count, int[] dst) {
        if (labels == null) {
            throw new IllegalStateException("Data set '" + name + "' has no labels to gather");
        }
        checkBatch(indices, from, count);
        if (dst.length < count) {
            throw new IllegalArgumentException("gatherLabels of " + count + " labels needs a buffer of " + count
                    + " ints, got " + dst.length);
        }
        for (int k = 0; k < count; k++) {
            int i = indices[from + k];
            checkIndex(i);
            dst[k] = labels[i];
        }
    }

    /**
     * The examples {@code indices[from .. from+count)} as a tensor of shape
     * {@code [count, exampleDims...]} on {@code backend}. Allocates a host buffer each call; a
     * hot loop should {@link #gather} into its own buffer instead.
     */
    public Tensor toTensor(Backend backend, int[] indices, int from, int count) {
        float[] buf = new float[Math.multiplyExact(count, exampleSize)];
        gather(indices, from, count, buf);
        int[] dims = new int[exampleDims.length + 1];
        dims[0] = count;
        System.arraycopy(exampleDims, 0, dims, 1, exampleDims.length);
        return backend.tensor(buf, dims);
    }

    @Override
    public String toString() {
        return "ArrayDataset[" + name + ": " + size + " × " + Arrays.toString(exampleDims)
                + (labels == null ? ", unlabelled]" : ", labelled]");
    }

    private void checkBatch(int[] indices, int from, int count) {
        if (indices == null) {
            throw new IllegalArgumentException("indices must not be null");
        }
        if (count < 0 || from < 0 || from > indices.length - count) {
            throw new IllegalArgumentException("Batch [" + from + ", " + from + " + " + count + ") is outside the "
                    + indices.length + " indices given");
        }
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("Example index " + i + " is outside data set '" + name + "' of "
                    + size + " examples");
        }
    }

    private static float[] checkNotNull(float[] values, String name) {
        if (values == null) {
            throw new IllegalArgumentException("Data set '" + name + "': values must not be null");
        }
        return values;
    }
}

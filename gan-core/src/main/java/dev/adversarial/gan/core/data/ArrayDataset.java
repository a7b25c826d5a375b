package dev.adversarial.gan.core.data;

// Temporary stand-in with the agreed API; replaced by the data branch at merge.
public final class ArrayDataset {
    private final String name;
    private final float[] values;
    private final int[] dims;
    private final int[] labels;
    private final int exampleSize;

    public ArrayDataset(String name, float[] values, int[] exampleDims, int[] labels) {
        this.name = name;
        this.values = values;
        this.dims = exampleDims.clone();
        int n = 1;
        for (int d : dims) {
            n *= d;
        }
        this.exampleSize = n;
        this.labels = labels;
    }

    public String name() { return name; }
    public int size() { return values.length / exampleSize; }
    public int[] exampleDims() { return dims.clone(); }
    public int exampleSize() { return exampleSize; }
    public float[] values() { return values; }
    public int[] labels() { return labels; }

    public void gather(int[] indices, int from, int count, float[] dst) {
        for (int i = 0; i < count; i++) {
            System.arraycopy(values, indices[from + i] * exampleSize, dst, i * exampleSize, exampleSize);
        }
    }
}

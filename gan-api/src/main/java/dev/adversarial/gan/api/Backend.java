package dev.adversarial.gan.api;

import java.util.function.Consumer;

/**
 * A chosen backend: where tensors live and what computes on them. Obtain one from
 * {@link Backends#get()}; create tensors here, then compute with their methods.
 */
public final class Backend {
    private final String name;
    private final Kernels kernels;

    public Backend(String name, Kernels kernels) {
        this.name = name;
        this.kernels = kernels;
    }

    public String name() {
        return name;
    }

    /** Where tensors live, e.g. "cpu" or "gpu(0)". */
    public String device() {
        return kernels.device();
    }

    /** The backend's kernels; for backend implementations and tests. */
    public Kernels kernels() {
        return kernels;
    }

    /** A tensor holding a copy of {@code data}, whose length must match the shape. */
    public Tensor tensor(float[] data, int... dims) {
        return tensor(data, Shape.of(dims));
    }

    public Tensor tensor(float[] data, Shape shape) {
        if (data.length != shape.size()) {
            throw new IllegalArgumentException("Data of length " + data.length + " does not fill shape " + shape
                    + " (" + shape.size() + " elements)");
        }
        return new Tensor(this, shape, kernels.upload(data, shape));
    }

    public Tensor scalar(float value) {
        return full(Shape.scalar(), value);
    }

    public Tensor zeros(int... dims) {
        return full(Shape.of(dims), 0f);
    }

    public Tensor zeros(Shape shape) {
        return full(shape, 0f);
    }

    public Tensor ones(int... dims) {
        return full(Shape.of(dims), 1f);
    }

    public Tensor ones(Shape shape) {
        return full(shape, 1f);
    }

    public Tensor full(Shape shape, float value) {
        return new Tensor(this, shape, kernels.full(shape, value));
    }

    /** Uniform on [lo, hi), drawn from {@code rng} on the host so that every backend sees the same numbers. */
    public Tensor uniform(Rng rng, float lo, float hi, int... dims) {
        return generate(Shape.of(dims), v -> rng.fillUniform(v, lo, hi));
    }

    /** Gaussian with the given mean and standard deviation, drawn from {@code rng} on the host. */
    public Tensor normal(Rng rng, float mean, float std, int... dims) {
        return generate(Shape.of(dims), v -> rng.fillNormal(v, mean, std));
    }

    /** 1 with probability p, else 0. */
    public Tensor bernoulli(Rng rng, double p, int... dims) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("bernoulli needs 0 <= p <= 1, got " + p);
        }
        // nextDouble() < p, decided on the 53-bit integer behind nextDouble: the sign of
        // (bits - threshold) is the outcome, with no branch to mispredict at p = 0.5.
        long threshold = (long) Math.ceil(p * 0x1.0p53);
        return generate(Shape.of(dims), v -> {
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (((rng.nextLong() >>> 11) - threshold) >>> 63);
            }
        });
    }

    private Tensor generate(Shape shape, Consumer<float[]> fill) {
        return new Tensor(this, shape, kernels.generate(shape, fill));
    }

    /** A copy of {@code t} on this backend (from any backend). */
    public Tensor copyOf(Tensor t) {
        return tensor(t.toArray(), t.shape());
    }

    @Override
    public String toString() {
        return "Backend[" + name + " on " + device() + "]";
    }
}

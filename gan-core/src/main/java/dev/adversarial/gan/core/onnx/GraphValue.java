package dev.adversarial.gan.core.onnx;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A value flowing through the ONNX graph being built: its name in the graph, the shape of one
 * example, and the interval its entries are known to lie in.
 *
 * <p>The batch dimension is always first and symbolic ("batch"), so {@code dims} leaves it out:
 * a Linear's output is {@code [out]}, a convolution's {@code [channels, height, width]}.
 * Knowing the shape lets every layer check its input while exporting and name itself in the
 * error, instead of ONNX Runtime refusing the file later with a message about node numbers.
 * The interval follows the values through monotone activations (a sigmoid maps anything into
 * [0, 1]); the generator's final interval is recorded in the file as output_low/output_high,
 * so that a consumer knows whether samples are pixels in [0, 1] or values in [-1, 1].
 */
public record GraphValue(String name, int[] dims, double low, double high) {

    public GraphValue {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("A graph value needs a non-empty name");
        }
        dims = dims.clone();
        for (int d : dims) {
            if (d <= 0) {
                throw new IllegalArgumentException("Value '" + name + "' has a non-positive dimension in "
                        + Arrays.toString(dims));
            }
        }
        if (!(low <= high)) {
            throw new IllegalArgumentException("Value '" + name + "' has an empty range [" + low + ", " + high + "]");
        }
    }

    /** A value about whose range nothing is known (a Gemm's output). */
    public static GraphValue unbounded(String name, int... dims) {
        return new GraphValue(name, dims, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    @Override
    public int[] dims() {
        return dims.clone();
    }

    /** Entries in one example (the product of {@link #dims}). */
    public int size() {
        int n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }

    /** The same shape and range under another name (a node that only reshapes or copies). */
    public GraphValue renamed(String newName) {
        return new GraphValue(newName, dims, low, high);
    }

    /** The same values, and so the same range, in another shape (Flatten, Unflatten). */
    public GraphValue reshaped(String newName, int... newDims) {
        GraphValue v = new GraphValue(newName, newDims, low, high);
        if (v.size() != size()) {
            throw new IllegalArgumentException("Cannot reshape " + this + " to " + v.shapeText() + ": " + size()
                    + " values per example against " + v.size());
        }
        return v;
    }

    /** A new value with this range mapped through an increasing function (ReLU, sigmoid, …). */
    public GraphValue mapped(String newName, java.util.function.DoubleUnaryOperator increasing) {
        return new GraphValue(newName, dims, increasing.applyAsDouble(low), increasing.applyAsDouble(high));
    }

    /** The full shape as a person reads it, e.g. {@code [batch, 1200]}. */
    public String shapeText() {
        return Arrays.stream(dims).mapToObj(Integer::toString)
                .collect(Collectors.joining(", ", "[batch" + (dims.length == 0 ? "" : ", "), "]"));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GraphValue v && v.name.equals(name) && Arrays.equals(v.dims, dims)
                && Double.compare(v.low, low) == 0 && Double.compare(v.high, high) == 0;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return name + " " + shapeText() + " in [" + low + ", " + high + "]";
    }
}

package dev.adversarial.gan.api;

/**
 * The convolution ops behind {@link Tensor#conv2d} and {@link Tensor#convTranspose2d}: shape
 * checks that name both shapes, PyTorch's output-shape rules, the bias as a broadcast add, and
 * the recording of the three primitive kernels (conv2d and its two adjoints) whose gradient
 * rules are in {@link Gradients}.
 */
final class Convolutions {
    private Convolutions() {
    }

    static Tensor conv2d(Tensor x, Tensor w, Tensor bias, Conv2dSpec spec) {
        if (spec.outputPadH() != 0 || spec.outputPadW() != 0) {
            throw new IllegalArgumentException("conv2d takes no output padding (" + spec + "); it applies only to"
                    + " convTranspose2d");
        }
        checkRanks("conv2d", x, w, "[out channels, in channels/groups, kh, kw]");
        int c = x.shape().dim(1), o = w.shape().dim(0);
        if (c % spec.groups() != 0 || o % spec.groups() != 0 || w.shape().dim(1) * spec.groups() != c) {
            throw new IllegalArgumentException("conv2d input " + x.shape() + " and weight " + w.shape() + " do not fit "
                    + spec.groups() + " group(s): expected weight [O, " + c + "/" + spec.groups() + ", kh, kw] with O and "
                    + c + " divisible by " + spec.groups());
        }
        int kh = w.shape().dim(2), kw = w.shape().dim(3);
        Shape out = Shape.of(x.shape().dim(0), o, spec.convOutH(x.shape().dim(2), kh), spec.convOutW(x.shape().dim(3), kw));
        checkOutput("conv2d", x, w, spec, out);
        return addBias(rawConv2d(x, w, spec, out), bias, o, "conv2d", w);
    }

    static Tensor convTranspose2d(Tensor x, Tensor w, Tensor bias, Conv2dSpec spec) {
        checkRanks("convTranspose2d", x, w, "[in channels, out channels/groups, kh, kw]");
        int c = x.shape().dim(1);
        if (c != w.shape().dim(0) || c % spec.groups() != 0) {
            throw new IllegalArgumentException("convTranspose2d input " + x.shape() + " and weight " + w.shape()
                    + " do not fit: expected weight [" + c + ", O/" + spec.groups() + ", kh, kw] with " + c
                    + " divisible by " + spec.groups() + " group(s)");
        }
        int o = w.shape().dim(1) * spec.groups(), kh = w.shape().dim(2), kw = w.shape().dim(3);
        Shape out = Shape.of(x.shape().dim(0), o, spec.transposedOutH(x.shape().dim(2), kh),
                spec.transposedOutW(x.shape().dim(3), kw));
        checkOutput("convTranspose2d", x, w, spec, out);
        return addBias(rawConvTranspose2d(x, w, spec, out), bias, o, "convTranspose2d", w);
    }

    // ---- the three recorded primitives (no checks: callers have made the shapes consistent) ---

    static Tensor rawConv2d(Tensor x, Tensor w, Conv2dSpec spec, Shape out) {
        x.sameBackend(w);
        Tensor y = x.make(out, x.kernels().conv2d(x.storage(), x.shape(), w.storage(), w.shape(), spec, out));
        return Autograd.record(y, Gradients.conv2d(x, w, spec), x, w);
    }

    static Tensor rawConvTranspose2d(Tensor x, Tensor w, Conv2dSpec spec, Shape out) {
        x.sameBackend(w);
        Tensor y = x.make(out, x.kernels().convTranspose2d(x.storage(), x.shape(), w.storage(), w.shape(), spec, out));
        return Autograd.record(y, Gradients.convTranspose2d(x, w, spec), x, w);
    }

    /** The weight gradient of conv2d(x, ·) for output gradient g, as a differentiable op. */
    static Tensor rawConv2dWeight(Tensor x, Tensor g, Conv2dSpec spec, Shape wShape) {
        x.sameBackend(g);
        Tensor y = x.make(wShape, x.kernels().conv2dWeight(x.storage(), x.shape(), g.storage(), g.shape(), spec, wShape));
        return Autograd.record(y, Gradients.conv2dWeight(x, g, spec), x, g);
    }

    private static void checkRanks(String op, Tensor x, Tensor w, String weightLayout) {
        x.sameBackend(w);
        if (x.rank() != 4) {
            throw new IllegalArgumentException(op + " needs an input [batch, channels, height, width], got " + x.shape()
                    + " (weight " + w.shape() + ")");
        }
        if (w.rank() != 4) {
            throw new IllegalArgumentException(op + " needs a weight " + weightLayout + ", got " + w.shape()
                    + " (input " + x.shape() + ")");
        }
    }

    private static void checkOutput(String op, Tensor x, Tensor w, Conv2dSpec spec, Shape out) {
        if (out.dim(2) < 1 || out.dim(3) < 1) {
            throw new IllegalArgumentException(op + " of input " + x.shape() + " with weight " + w.shape() + " and " + spec
                    + " has no output positions (" + out.dim(2) + "x" + out.dim(3) + "): the input is smaller than the"
                    + " dilated kernel; pad it or use a smaller kernel");
        }
    }

    private static Tensor addBias(Tensor y, Tensor bias, int channels, String op, Tensor w) {
        if (bias == null) {
            return y;
        }
        if (bias.rank() != 1 || bias.shape().dim(0) != channels) {
            throw new IllegalArgumentException(op + " bias must be [" + channels + "] (one per output channel of weight "
                    + w.shape() + "), got " + bias.shape());
        }
        return y.add(bias.reshape(1, channels, 1, 1));
    }
}

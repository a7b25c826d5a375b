package dev.adversarial.gan.api;

import java.util.ArrayList;
import java.util.List;

/**
 * Every gradient rule, in one table. Rules are written with Tensor operations rather than raw
 * kernels, so that when a tape differentiates with {@code createGraph} the backward pass is
 * itself recorded and can be differentiated again (gradient penalties need this). The price is a
 * few more intermediate tensors per backward step than hand-fused kernels would make.
 */
final class Gradients {
    private Gradients() {
    }

    static Autograd.Rule unary(UnaryOp op, Tensor x, Tensor out) {
        return (g, needed) -> new Tensor[] {switch (op) {
            case NEG -> g.neg();
            case EXP -> g.mul(out);
            case LOG -> g.div(x);
            case LOG1P -> g.div(x.add(1f));
            case ABS -> g.mul(x.gt(0f).sub(x.lt(0f)));
            case SQRT -> g.mul(0.5f).div(out);
            case TANH -> g.mul(out.square().rsub(1f));
            case SIGMOID -> g.mul(out.mul(out.rsub(1f)));
            case RELU -> reluGradient(x, g);
        }};
    }

    /**
     * g·[x &gt; 0]: the backend's fused kernel on a plain backward (G's activations are 0.4–0.8 M
     * values), the recorded product with the constant mask under createGraph.
     */
    private static Tensor reluGradient(Tensor x, Tensor g) {
        if (GradientTape.recording() == null) {
            return x.reluGradient(g);
        }
        return g.mul(x.gt(0f));
    }

    static Autograd.Rule binary(BinaryOp op, Tensor a, Tensor b, Tensor out) {
        return (g, needed) -> {
            Tensor[] grads = switch (op) {
                case ADD -> new Tensor[] {g, g};
                case SUB -> new Tensor[] {g, needed[1] ? g.neg() : null};
                case MUL -> new Tensor[] {needed[0] ? g.mul(b) : null, needed[1] ? g.mul(a) : null};
                case DIV -> new Tensor[] {needed[0] ? g.div(b) : null, needed[1] ? g.mul(a).div(b.square()).neg() : null};
                case POW -> new Tensor[] {
                    needed[0] ? g.mul(b).mul(a.pow(b.sub(1f))) : null,
                    needed[1] ? g.mul(out).mul(a.log()) : null
                };
                // Ties go to the first argument, so the gradient is never counted twice.
                case MAX -> new Tensor[] {needed[0] ? g.mul(a.ge(b)) : null, needed[1] ? g.mul(a.lt(b)) : null};
                case MIN -> new Tensor[] {needed[0] ? g.mul(a.le(b)) : null, needed[1] ? g.mul(a.gt(b)) : null};
                case GT, GE, LT, LE, EQ -> throw noGradient(op);
            };
            return new Tensor[] {
                grads[0] == null ? null : unbroadcast(grads[0], a.shape()),
                grads[1] == null ? null : unbroadcast(grads[1], b.shape())
            };
        };
    }

    static Autograd.Rule scalar(BinaryOp op, Tensor x, float s, Tensor out) {
        return (g, needed) -> new Tensor[] {switch (op) {
            case ADD, SUB -> g;
            case MUL -> g.mul(s);
            case DIV -> g.div(s);
            case POW -> g.mul(x.pow(s - 1f)).mul(s);
            case MAX -> g.mul(x.gt(s));
            case MIN -> g.mul(x.lt(s));
            case GT, GE, LT, LE, EQ -> throw noGradient(op);
        }};
    }

    /** Comparisons are never recorded on a tape (Tensor returns their masks unrecorded). */
    private static IllegalStateException noGradient(BinaryOp op) {
        return new IllegalStateException(op + " is a comparison and has no gradient; it should never have been recorded");
    }

    static Autograd.Rule reduce(ReduceOp op, Tensor x, Tensor out, int axis) {
        return (g, needed) -> new Tensor[] {switch (op) {
            case SUM -> g.broadcastTo(x.shape());
            case MAX -> maxGradient(x, out, g, axis);
        }};
    }

    /** The gradient of a max goes to the positions that attain the maximum, split among ties. */
    private static Tensor maxGradient(Tensor x, Tensor out, Tensor g, int axis) {
        if (GradientTape.recording() == null) {
            // Not differentiated again: the backend's fused kernel (maxout runs this four times
            // an iteration on 240,000 values).
            return x.maxGradient(out, g, axis);
        }
        Tensor hit = x.eq(out);
        Tensor ties = hit.sum(axis, true);
        return hit.mul(g.div(ties));
    }

    /**
     * Batch norm by batch statistics over v [N, C, P] (see {@link Kernels#batchNormForward});
     * the op's inputs are v, then weight and bias where given, and {@code mean} and
     * {@code variance} are the statistics its forward pass saved.
     */
    static Autograd.Rule batchNorm(Tensor v, Tensor weight, boolean hasBias, Tensor mean, Tensor variance, float eps) {
        return (g, needed) -> {
            int biasIndex = weight == null ? 1 : 2;
            boolean wantX = needed[0], wantW = weight != null && needed[1], wantB = hasBias && needed[biasIndex];
            Tensor dx, dw, db;
            if (GradientTape.recording() == null) {
                // Not differentiated again: the backend's fused kernel (two passes instead of ~20).
                Kernels.BatchNormGradients k = v.kernels().batchNormBackward(g.storage(), v.storage(), v.shape(),
                        mean.storage(), variance.storage(), weight == null ? null : weight.storage(), eps, wantX, wantW,
                        wantB);
                Shape channels = mean.shape();
                dx = k.input() == null ? null : v.make(v.shape(), k.input());
                dw = k.weight() == null ? null : v.make(channels, k.weight());
                db = k.bias() == null ? null : v.make(channels, k.bias());
            } else {
                // The same formula from tensor ops, with the statistics recomputed from v by
                // recorded ops, so that the gradient's own gradient reaches v through them too.
                int c = v.shape().dim(1);
                float perCount = 1f / ((long) v.shape().dim(0) * v.shape().dim(2));
                Tensor centred = v.sub(v.sum(2, true).sum(0, true).mul(perCount));
                Tensor std = centred.square().sum(2, true).sum(0, true).mul(perCount).add(eps).sqrt();
                Tensor xHat = centred.div(std);
                Tensor sumG = g.sum(2, true).sum(0, true);
                Tensor sumGx = g.mul(xHat).sum(2, true).sum(0, true);
                dx = null;
                if (wantX) {
                    Tensor inner = g.sub(sumG.mul(perCount)).sub(xHat.mul(sumGx.mul(perCount)));
                    dx = weight == null ? inner.div(std) : inner.mul(weight.reshape(1, c, 1).div(std));
                }
                dw = wantW ? sumGx.reshape(c) : null;
                db = wantB ? sumG.reshape(c) : null;
            }
            Tensor[] out = new Tensor[needed.length];
            out[0] = dx;
            if (weight != null) {
                out[1] = dw;
            }
            if (hasBias) {
                out[biasIndex] = db;
            }
            return out;
        };
    }

    /**
     * LeakyReLU's gradient, g·m with m = 1, alpha or 0 as {@link Kernels#leakyReluGradient} says.
     * Plain backward passes take the backend's fused kernel (D's activations are 0.4–0.8 M values
     * at DCGAN's shapes, six passes composed). Under createGraph the mask is made by the same
     * kernel from g = 1 and enters as a constant, since its derivative is 0 wherever it exists;
     * only the product with g is recorded, which keeps second derivatives (R1, WGAN-GP) right.
     */
    static Autograd.Rule leakyRelu(Tensor x, float alpha) {
        return (g, needed) -> {
            if (GradientTape.recording() == null) {
                return new Tensor[] {x.leakyReluGradient(g, alpha)};
            }
            Tensor mask = x.leakyReluGradient(x.backend().ones(x.shape()), alpha);
            return new Tensor[] {g.mul(mask)};
        };
    }

    static Autograd.Rule matmul(Tensor a, Tensor b, boolean ta, boolean tb) {
        // C = op(A)·op(B); each case is the standard rule with the transposes folded into flags.
        return (g, needed) -> {
            Tensor ga = null, gb = null;
            if (needed[0]) {
                ga = ta ? b.matmul(g, tb, true) : g.matmul(b, false, !tb);
            }
            if (needed[1]) {
                gb = tb ? g.matmul(a, true, ta) : a.matmul(g, !ta, false);
            }
            return new Tensor[] {ga, gb};
        };
    }

    // Convolutions: conv2d, its input adjoint (the transposed convolution) and its weight adjoint
    // are bilinear, so each one's gradients are the other two, and second derivatives follow.

    static Autograd.Rule conv2d(Tensor x, Tensor w, Conv2dSpec spec) {
        return (g, needed) -> new Tensor[] {
            needed[0] ? Convolutions.rawConvTranspose2d(g, w, spec, x.shape()) : null,
            needed[1] ? Convolutions.rawConv2dWeight(x, g, spec, w.shape()) : null
        };
    }

    static Autograd.Rule convTranspose2d(Tensor x, Tensor w, Conv2dSpec spec) {
        return (g, needed) -> {
            // conv2d over the transposed output; its natural size exceeds x's only when the output
            // padding is at least the stride (allowed below the dilation), and then the extra rows
            // are positions that x never had.
            Shape natural = Shape.of(g.shape().dim(0), x.shape().dim(1),
                    spec.convOutH(g.shape().dim(2), w.shape().dim(2)), spec.convOutW(g.shape().dim(3), w.shape().dim(3)));
            Tensor gx = needed[0] ? resize(Convolutions.rawConv2d(g, w, spec, natural), x.shape()) : null;
            Tensor gw = needed[1] ? Convolutions.rawConv2dWeight(g, resize(x, natural), spec, w.shape()) : null;
            return new Tensor[] {gx, gw};
        };
    }

    static Autograd.Rule conv2dWeight(Tensor x, Tensor gOut, Conv2dSpec spec) {
        return (g, needed) -> new Tensor[] {
            needed[0] ? Convolutions.rawConvTranspose2d(gOut, g, spec, x.shape()) : null,
            needed[1] ? Convolutions.rawConv2d(x, g, spec, gOut.shape()) : null
        };
    }

    /** Cuts or zero-extends the two spatial axes of t to those of {@code to}. */
    private static Tensor resize(Tensor t, Shape to) {
        Tensor r = t;
        for (int axis = 2; axis < 4; axis++) {
            int have = r.shape().dim(axis), want = to.dim(axis);
            if (have > want) {
                r = r.slice(axis, 0, want);
            } else if (have < want) {
                r = Tensor.concat(List.of(r, r.backend().zeros(r.shape().with(axis, want - have))), axis);
            }
        }
        return r;
    }

    static Autograd.Rule reshape(Shape from) {
        return (g, needed) -> new Tensor[] {g.reshape(from.dims())};
    }

    static Autograd.Rule permute(int[] perm) {
        int[] inverse = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            inverse[perm[i]] = i;
        }
        return (g, needed) -> new Tensor[] {g.permute(inverse)};
    }

    static Autograd.Rule slice(Shape from, int axis, int start) {
        return (g, needed) -> {
            int end = start + g.shape().dim(axis);
            List<Tensor> parts = new ArrayList<>(3);
            if (start > 0) {
                parts.add(g.backend().zeros(from.with(axis, start)));
            }
            parts.add(g);
            if (end < from.dim(axis)) {
                parts.add(g.backend().zeros(from.with(axis, from.dim(axis) - end)));
            }
            return new Tensor[] {parts.size() == 1 ? g : Tensor.concat(parts, axis)};
        };
    }

    static Autograd.Rule concat(List<Shape> shapes, int axis) {
        return (g, needed) -> {
            Tensor[] out = new Tensor[shapes.size()];
            int offset = 0;
            for (int i = 0; i < out.length; i++) {
                int len = shapes.get(i).dim(axis);
                out[i] = needed[i] ? g.slice(axis, offset, offset + len) : null;
                offset += len;
            }
            return out;
        };
    }

    static Autograd.Rule broadcast(Shape from) {
        return (g, needed) -> new Tensor[] {unbroadcast(g, from)};
    }

    /** Sums a broadcast gradient back down to the shape of the input that was broadcast. */
    static Tensor unbroadcast(Tensor g, Shape to) {
        if (g.shape().equals(to)) {
            return g;
        }
        Tensor r = g;
        while (r.rank() > to.rank()) {
            r = r.sum(0, false);
        }
        for (int axis = 0; axis < to.rank(); axis++) {
            if (to.dim(axis) == 1 && r.shape().dim(axis) != 1) {
                r = r.sum(axis, true);
            }
        }
        return r;
    }
}

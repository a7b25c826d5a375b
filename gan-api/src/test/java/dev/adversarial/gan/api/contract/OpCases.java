package dev.adversarial.gan.api.contract;

import static dev.adversarial.gan.api.contract.OpCase.Domain.ANY;
import static dev.adversarial.gan.api.contract.OpCase.Domain.NONZERO;
import static dev.adversarial.gan.api.contract.OpCase.Domain.POSITIVE;
import static dev.adversarial.gan.api.contract.OpCase.Domain.UNIT;

import dev.adversarial.gan.api.Shape;
import dev.adversarial.gan.api.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;

/** The catalogue of operations every backend is checked on, with the shapes each is tried at. */
final class OpCases {
    private OpCases() {
    }

    static final int[][] UNARY_SHAPES = {{7}, {3, 4}, {2, 3, 4}};
    static final int[][][] BROADCAST_PAIRS = {
        {{3, 4}, {3, 4}}, {{3, 4}, {4}}, {{3, 1}, {1, 4}}, {{2, 3, 4}, {3, 1}},
        {{}, {3}}, {{4, 1, 3}, {2, 1}}, {{5}, {}}, {{2, 1, 4}, {2, 3, 1}},
    };

    private static int[][] shapes(int[]... s) {
        return s;
    }

    private static OpCase unary(String name, int[] shape, OpCase.Domain d, Function<Tensor, Tensor> op,
                                DoubleUnaryOperator f) {
        return OpCase.of(name, shapes(shape), d, t -> op.apply(t[0]), r -> r[0].map(f));
    }

    static List<OpCase> elementwise() {
        List<OpCase> cases = new ArrayList<>();
        for (int[] s : UNARY_SHAPES) {
            cases.add(unary("neg", s, ANY, Tensor::neg, x -> -x));
            cases.add(unary("exp", s, ANY, Tensor::exp, Math::exp));
            cases.add(unary("log", s, POSITIVE, Tensor::log, Math::log));
            cases.add(unary("log1p", s, POSITIVE, Tensor::log1p, Math::log1p));
            cases.add(unary("abs", s, NONZERO, Tensor::abs, Math::abs));
            cases.add(unary("sqrt", s, POSITIVE, Tensor::sqrt, Math::sqrt));
            cases.add(unary("tanh", s, ANY, Tensor::tanh, Math::tanh));
            cases.add(unary("sigmoid", s, ANY, Tensor::sigmoid, Ref::sigmoid));
            cases.add(unary("relu", s, NONZERO, Tensor::relu, x -> Math.max(x, 0)));
            cases.add(unary("square", s, ANY, Tensor::square, x -> x * x));
            cases.add(unary("softplus", s, ANY, Tensor::softplus, Ref::softplus));
            cases.add(unary("logSigmoid", s, ANY, Tensor::logSigmoid, x -> Math.log(Ref.sigmoid(x))));
            cases.add(unary("leakyRelu(0.2)", s, NONZERO, t -> t.leakyRelu(0.2f), x -> x > 0 ? x : 0.2 * x));
            cases.add(unary("rsub(1)", s, ANY, t -> t.rsub(1f), x -> 1 - x));
            float k = 0.375f;
            cases.add(unary("add(s)", s, ANY, t -> t.add(k), x -> x + k));
            cases.add(unary("sub(s)", s, ANY, t -> t.sub(k), x -> x - k));
            cases.add(unary("mul(s)", s, ANY, t -> t.mul(k), x -> x * k));
            cases.add(unary("div(s)", s, ANY, t -> t.div(k), x -> x / k));
            cases.add(unary("pow(s)", s, POSITIVE, t -> t.pow(2.5f), x -> Math.pow(x, 2.5)));
            cases.add(unary("maximum(s)", s, ANY, t -> t.maximum(k), x -> Math.max(x, k)));
            cases.add(unary("minimum(s)", s, ANY, t -> t.minimum(k), x -> Math.min(x, k)));
            cases.add(unary("gt(s)", s, ANY, t -> t.gt(k), x -> x > k ? 1 : 0).forwardOnly());
            cases.add(unary("ge(s)", s, ANY, t -> t.ge(k), x -> x >= k ? 1 : 0).forwardOnly());
            cases.add(unary("lt(s)", s, ANY, t -> t.lt(k), x -> x < k ? 1 : 0).forwardOnly());
            cases.add(unary("le(s)", s, ANY, t -> t.le(k), x -> x <= k ? 1 : 0).forwardOnly());
            cases.add(unary("eq(s)", s, ANY, t -> t.eq(k), x -> x == k ? 1 : 0).forwardOnly());
        }
        return cases;
    }

    private static OpCase binary(String name, int[][] pair, OpCase.Domain d, java.util.function.BinaryOperator<Tensor> op,
                                 DoubleBinaryOperator f) {
        return OpCase.of(name, pair, d, t -> op.apply(t[0], t[1]), r -> r[0].zip(r[1], f));
    }

    static List<OpCase> broadcasting() {
        List<OpCase> cases = new ArrayList<>();
        for (int[][] p : BROADCAST_PAIRS) {
            cases.add(binary("add", p, ANY, Tensor::add, Double::sum));
            cases.add(binary("sub", p, ANY, Tensor::sub, (a, b) -> a - b));
            cases.add(binary("mul", p, ANY, Tensor::mul, (a, b) -> a * b));
            cases.add(binary("div", p, ANY, Tensor::div, (a, b) -> a / b).domains(ANY, NONZERO));
            cases.add(binary("pow", p, ANY, Tensor::pow, Math::pow).domains(POSITIVE, ANY));
            cases.add(binary("maximum", p, ANY, Tensor::maximum, Math::max));
            cases.add(binary("minimum", p, ANY, Tensor::minimum, Math::min));
            cases.add(binary("gt", p, ANY, Tensor::gt, (a, b) -> a > b ? 1 : 0).forwardOnly());
            cases.add(binary("ge", p, ANY, Tensor::ge, (a, b) -> a >= b ? 1 : 0).forwardOnly());
            cases.add(binary("lt", p, ANY, Tensor::lt, (a, b) -> a < b ? 1 : 0).forwardOnly());
            cases.add(binary("le", p, ANY, Tensor::le, (a, b) -> a <= b ? 1 : 0).forwardOnly());
            cases.add(binary("eq", p, ANY, Tensor::eq, (a, b) -> a == b ? 1 : 0).forwardOnly());
        }
        cases.add(OpCase.of("broadcastTo", shapes(new int[] {3, 1}), ANY,
                t -> t[0].broadcastTo(Shape.of(2, 3, 4)), r -> r[0].broadcastTo(new int[] {2, 3, 4})));
        cases.add(OpCase.of("broadcastTo", shapes(new int[] {4}), ANY,
                t -> t[0].broadcastTo(Shape.of(3, 4)), r -> r[0].broadcastTo(new int[] {3, 4})));
        cases.add(OpCase.of("broadcastTo", shapes(new int[] {}), ANY,
                t -> t[0].broadcastTo(Shape.of(2, 2)), r -> r[0].broadcastTo(new int[] {2, 2})));
        return cases;
    }

    static List<OpCase> reductions() {
        List<OpCase> cases = new ArrayList<>();
        int[][] shapes = {{5}, {3, 4}, {2, 3, 4}, {1, 6}};
        for (int[] s : shapes) {
            cases.add(OpCase.of("sum()", shapes(s), ANY, t -> t[0].sum(), r -> sumAll(r[0])));
            cases.add(OpCase.of("mean()", shapes(s), ANY, t -> t[0].mean(), r -> sumAll(r[0]).map(x -> x / r[0].size())));
            for (int axis = 0; axis < s.length; axis++) {
                for (boolean keep : new boolean[] {true, false}) {
                    int a = axis;
                    String suffix = "(" + axis + (keep ? ", keep)" : ")");
                    cases.add(OpCase.of("sum" + suffix, shapes(s), ANY, t -> t[0].sum(a, keep), r -> r[0].reduce(a, keep, false)));
                    cases.add(OpCase.of("max" + suffix, shapes(s), ANY, t -> t[0].max(a, keep), r -> r[0].reduce(a, keep, true)));
                    cases.add(OpCase.of("mean" + suffix, shapes(s), ANY, t -> t[0].mean(a, keep),
                            r -> r[0].reduce(a, keep, false).map(x -> x / s[a])));
                }
            }
            cases.add(OpCase.of("max(-1)", shapes(s), ANY, t -> t[0].max(-1, false), r -> r[0].reduce(s.length - 1, false, true)));
        }
        return cases;
    }

    private static Ref sumAll(Ref r) {
        double s = 0;
        for (double x : r.v()) {
            s += x;
        }
        return Ref.of(new double[] {s});
    }

    static List<OpCase> matmuls() {
        List<OpCase> cases = new ArrayList<>();
        int[][] mkn = {{2, 3, 4}, {5, 1, 3}, {1, 6, 1}, {4, 4, 4}, {3, 7, 2}};
        for (int[] d : mkn) {
            int m = d[0], k = d[1], n = d[2];
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                    int[] as = ta ? new int[] {k, m} : new int[] {m, k};
                    int[] bs = tb ? new int[] {n, k} : new int[] {k, n};
                    String name = "matmul" + (ta ? "ᵀ" : "") + (tb ? "·ᵀ" : "");
                    cases.add(OpCase.of(name, shapes(as, bs), ANY, t -> t[0].matmul(t[1], ta, tb),
                            r -> r[0].matmul(r[1], ta, tb)));
                }
            }
        }
        return cases;
    }

    static List<OpCase> shapeOps() {
        List<OpCase> cases = new ArrayList<>();
        int[] s = {2, 3, 4};
        cases.add(OpCase.of("reshape", shapes(s), ANY, t -> t[0].reshape(6, 4), r -> r[0].reshape(6, 4)));
        cases.add(OpCase.of("reshape(-1)", shapes(s), ANY, t -> t[0].reshape(-1, 2), r -> r[0].reshape(12, 2)));
        cases.add(OpCase.of("reshape", shapes(new int[] {6}), ANY, t -> t[0].reshape(1, 2, 3), r -> r[0].reshape(1, 2, 3)));
        cases.add(OpCase.of("transpose", shapes(new int[] {3, 5}), ANY, t -> t[0].transpose(), r -> r[0].permute(1, 0)));
        int[][] perms = {{2, 0, 1}, {1, 0, 2}, {0, 2, 1}, {0, 1, 2}, {2, 1, 0}};
        for (int[] p : perms) {
            cases.add(OpCase.of("permute" + java.util.Arrays.toString(p), shapes(s), ANY, t -> t[0].permute(p), r -> r[0].permute(p)));
        }
        int[][] slices = {{0, 1, 2}, {1, 0, 2}, {1, 2, 3}, {2, 1, 4}, {2, 0, 1}, {-1, 3, 4}};
        for (int[] sl : slices) {
            int axis = sl[0] < 0 ? sl[0] + s.length : sl[0];
            cases.add(OpCase.of("slice" + java.util.Arrays.toString(sl), shapes(s), ANY,
                    t -> t[0].slice(sl[0], sl[1], sl[2]), r -> r[0].slice(axis, sl[1], sl[2])));
        }
        for (int axis = 0; axis < 3; axis++) {
            int a = axis;
            int[] s2 = s.clone();
            s2[a] = 2;
            int[] s3 = s.clone();
            s3[a] = 1;
            cases.add(OpCase.of("concat(" + a + ")", shapes(s, s2, s3), ANY,
                    t -> Tensor.concat(List.of(t[0], t[1], t[2]), a), r -> Ref.concat(List.of(r[0], r[1], r[2]), a)));
        }
        cases.add(OpCase.of("concat(-1)", shapes(new int[] {3, 2}, new int[] {3, 5}), ANY,
                t -> Tensor.concat(List.of(t[0], t[1]), -1), r -> Ref.concat(List.of(r[0], r[1]), 1)));
        return cases;
    }

    /** Compositions a GAN actually differentiates: layers, maxout, losses. */
    static List<OpCase> compositions() {
        List<OpCase> cases = new ArrayList<>();
        cases.add(OpCase.of("linear+relu", shapes(new int[] {4, 5}, new int[] {3, 5}, new int[] {3}), NONZERO,
                t -> t[0].matmul(t[1], false, true).add(t[2]).relu(),
                r -> r[0].matmul(r[1], false, true).zip(r[2], Double::sum).map(x -> Math.max(x, 0))));
        cases.add(OpCase.of("maxout(3 units x 2 pieces)", shapes(new int[] {4, 5}, new int[] {6, 5}, new int[] {6}), ANY,
                t -> t[0].matmul(t[1], false, true).add(t[2]).reshape(4, 3, 2).max(2, false),
                r -> r[0].matmul(r[1], false, true).zip(r[2], Double::sum).reshape(4, 3, 2).reduce(2, false, true)));
        cases.add(OpCase.of("bce-with-logits", shapes(new int[] {6, 1}, new int[] {6, 1}), ANY,
                t -> t[0].neg().softplus().mul(t[1]).add(t[0].softplus().mul(t[1].rsub(1f))).mean(),
                r -> sumAll(r[0].zip(r[1], (z, y) -> y * Ref.softplus(-z) + (1 - y) * Ref.softplus(z)))
                        .map(x -> x / 6)).domains(ANY, UNIT));
        cases.add(OpCase.of("sigmoid-mlp", shapes(new int[] {3, 4}, new int[] {4, 2}), ANY,
                t -> t[0].matmul(t[1]).tanh().matmul(t[1], false, true).sigmoid(),
                r -> r[0].matmul(r[1], false, false).map(Math::tanh).matmul(r[1], false, true).map(Ref::sigmoid)));
        cases.add(OpCase.of("x*x reuse", shapes(new int[] {5}), ANY, t -> t[0].mul(t[0]).add(t[0].exp()),
                r -> r[0].zip(r[0], (a, b) -> a * b + Math.exp(a))));
        return cases;
    }
}

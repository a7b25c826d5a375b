package dev.adversarial.gan.cpu;

import dev.adversarial.gan.api.BinaryOp;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ElementLoops} on the Vector API, at the JVM's widest native float vectors. Only {@link
 * ElementLoops#vectorOrNull()} loads this class, by name and after checking for the
 * jdk.incubator.vector module. Each lane does its element's float operations of the scalar
 * loop in the same order, so every width gives the scalar bits; the last partial vector of a
 * range runs the scalar loop.
 */
final class VectorLoops extends ElementLoops {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    /** @throws UnsupportedOperationException where native vectors hold fewer than 4 floats */
    VectorLoops() {
        if (S.length() < 4) {
            throw new UnsupportedOperationException("native float vectors are only " + S.vectorBitSize() + " bits");
        }
    }

    /** The mask is a blend of 0 and 1 by the compare, then multiplies g as the scalar loop's does. */
    @Override
    void reluGradient(float[] x, float[] g, float[] out, int from, int to) {
        FloatVector zero = FloatVector.zero(S), one = FloatVector.broadcast(S, 1f);
        int i = from, bound = from + S.loopBound(to - from);
        for (; i < bound; i += S.length()) {
            FloatVector mask = zero.blend(one, FloatVector.fromArray(S, x, i).compare(VectorOperators.GT, 0f));
            FloatVector.fromArray(S, g, i).mul(mask).intoArray(out, i);
        }
        super.reluGradient(x, g, out, i, to);
    }

    /** The scalar loop's mask (1 where x ≥ αx, α where x &lt; αx, else 0) by two blends. */
    @Override
    void leakyReluGradient(float[] x, float[] g, float alpha, float[] out, int from, int to) {
        FloatVector zero = FloatVector.zero(S), one = FloatVector.broadcast(S, 1f);
        FloatVector alphas = FloatVector.broadcast(S, alpha);
        int i = from, bound = from + S.loopBound(to - from);
        for (; i < bound; i += S.length()) {
            FloatVector v = FloatVector.fromArray(S, x, i);
            FloatVector scaled = alphas.mul(v);
            FloatVector mask = zero.blend(one, v.compare(VectorOperators.GE, scaled))
                    .blend(alphas, v.compare(VectorOperators.LT, scaled));
            FloatVector.fromArray(S, g, i).mul(mask).intoArray(out, i);
        }
        super.leakyReluGradient(x, g, alpha, out, i, to);
    }

    /** One loop per op and operand form: the Vector API compiles an operator only where it is a constant. */
    @Override
    boolean arithmetic(BinaryOp op, float[] a, int ao, float[] b, int bo, boolean bScalar, float[] out, int oo, int n) {
        int i = 0, bound = S.loopBound(n), step = S.length();
        if (bScalar) {
            FloatVector v = FloatVector.broadcast(S, b[bo]);
            switch (op) {
                case ADD -> { for (; i < bound; i += step) FloatVector.fromArray(S, a, ao + i).add(v).intoArray(out, oo + i); }
                case SUB -> { for (; i < bound; i += step) FloatVector.fromArray(S, a, ao + i).sub(v).intoArray(out, oo + i); }
                case MUL -> { for (; i < bound; i += step) FloatVector.fromArray(S, a, ao + i).mul(v).intoArray(out, oo + i); }
                case DIV -> { for (; i < bound; i += step) FloatVector.fromArray(S, a, ao + i).div(v).intoArray(out, oo + i); }
                case POW, MAX, MIN, GT, GE, LT, LE, EQ -> { return false; }
            }
        } else {
            switch (op) {
                case ADD -> { for (; i < bound; i += step) FloatVector.fromArray(S, a, ao + i).add(FloatVector.fromArray(S, b, bo + i)).intoArray(out, oo + i); }
                case SUB -> { for (; i < bound; i += step) FloatVector.fromArray(S, a, ao + i).sub(FloatVector.fromArray(S, b, bo + i)).intoArray(out, oo + i); }
                case MUL -> { for (; i < bound; i += step) FloatVector.fromArray(S, a, ao + i).mul(FloatVector.fromArray(S, b, bo + i)).intoArray(out, oo + i); }
                case DIV -> { for (; i < bound; i += step) FloatVector.fromArray(S, a, ao + i).div(FloatVector.fromArray(S, b, bo + i)).intoArray(out, oo + i); }
                case POW, MAX, MIN, GT, GE, LT, LE, EQ -> { return false; }
            }
        }
        // The last partial vector.
        return super.arithmetic(op, a, ao + i, b, bScalar ? bo : bo + i, bScalar, out, oo + i, n - i);
    }
}

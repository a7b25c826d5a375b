package dev.adversarial.gan.api;

/**
 * Elementwise functions of two tensors (NumPy broadcasting), or of a tensor and a scalar.
 * Comparisons return 1.0 where true and 0.0 where false and carry no gradient.
 *
 * <p>Whether an op is a comparison is stated by each constant rather than read off the
 * declaration order, so a constant added anywhere in the list says what it is. Every switch over
 * this enum is an exhaustive switch expression without a default, so adding a constant fails to
 * compile until each backend and the gradient table handle it; the contract suite then fails
 * until a case exercises it (see the contract package's coverage test).
 */
public enum BinaryOp {
    ADD(false), SUB(false), MUL(false), DIV(false), POW(false), MAX(false), MIN(false),
    GT(true), GE(true), LT(true), LE(true), EQ(true);

    private final boolean comparison;

    BinaryOp(boolean comparison) {
        this.comparison = comparison;
    }

    /** True for the ops whose result is a 1.0/0.0 mask with no gradient. */
    public boolean isComparison() {
        return comparison;
    }
}

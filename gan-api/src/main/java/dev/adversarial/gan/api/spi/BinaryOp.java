package dev.adversarial.gan.api.spi;

/**
 * Elementwise functions of two tensors (NumPy broadcasting), or of a tensor and a scalar.
 * Comparisons return 1.0 where true and 0.0 where false and carry no gradient.
 */
public enum BinaryOp {
    ADD, SUB, MUL, DIV, POW, MAX, MIN,
    GT, GE, LT, LE, EQ;

    public boolean isComparison() {
        return ordinal() >= GT.ordinal();
    }
}

package dev.adversarial.gan.api;

/**
 * Reductions along one axis. Every switch over this enum is an exhaustive switch expression
 * without a default: no code may treat "not SUM" as MAX, so a new reduction fails to compile
 * until each backend and the gradient table handle it.
 */
public enum ReduceOp {
    SUM, MAX
}

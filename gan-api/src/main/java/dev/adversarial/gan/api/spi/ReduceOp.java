package dev.adversarial.gan.api.spi;

/** Reductions along one axis. */
public enum ReduceOp {
    SUM, MAX
}

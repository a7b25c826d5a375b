package dev.adversarial.gan.api;

/**
 * Elementwise functions of one tensor. Their gradient rules live in gan-api's Gradients. Every
 * switch over this enum is an exhaustive switch expression without a default, so a new constant
 * fails to compile until each backend and the gradient table handle it.
 */
public enum UnaryOp {
    NEG, EXP, LOG, LOG1P, ABS, SQRT, TANH, SIGMOID, RELU
}

package dev.adversarial.gan.api.spi;

/** Elementwise functions of one tensor. Their gradient rules live in gan-api's Gradients. */
public enum UnaryOp {
    NEG, EXP, LOG, LOG1P, ABS, SQRT, TANH, SIGMOID, RELU
}

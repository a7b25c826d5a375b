package dev.adversarial.gan.cli;

import picocli.CommandLine.Option;

/**
 * Which generator a command loads from a checkpoint: the moving average of G when the run kept
 * one ({@code --set ema=BETA}), which usually samples better, or the last G itself on request.
 */
final class GeneratorChoice {
    @Option(names = "--raw-generator", description = "Use the last G itself, not its moving average (runs with --set ema=BETA"
            + " keep one; others have only G).")
    boolean raw;
}

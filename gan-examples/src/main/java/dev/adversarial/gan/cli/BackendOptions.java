package dev.adversarial.gan.cli;

import com.google.inject.Inject;
import dev.adversarial.gan.api.Backend;
import picocli.CommandLine.Option;

/**
 * The {@code --backend}/{@code --device} pair, as one picocli mixin shared by every command that
 * runs a model. picocli creates it through {@link Wiring#factory}, so the backend factory arrives
 * by injection; the backend itself starts on the first {@link #backend()} call, after the command
 * has checked its other options.
 */
final class BackendOptions {
    @Option(names = "--backend", description = "cpu or djl (default: -Dgan.backend, GAN_BACKEND, else the highest"
            + " priority).")
    String name;

    @Option(names = "--device", description = "gpu or cpu, for backends that can use a GPU (djl; default: a GPU when"
            + " it sees one).")
    String device;

    @Inject
    BackendFactory factory;

    private Backend started;

    /** Options given in code rather than on the command line (sweeps hand theirs to each run). */
    static BackendOptions of(String name, String device, BackendFactory factory) {
        BackendOptions o = new BackendOptions();
        o.name = name;
        o.device = device;
        o.factory = factory;
        return o;
    }

    /** Whether either option was given. */
    boolean given() {
        return name != null || device != null;
    }

    /** The chosen backend, started once. */
    Backend backend() {
        if (started == null) {
            started = factory.backend(name, device, "--backend");
        }
        return started;
    }
}

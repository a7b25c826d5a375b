package dev.adversarial.gan.cli;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.core.io.Npy;
import dev.adversarial.gan.core.train.GanModel;
import dev.adversarial.gan.core.train.Sampler;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gan sample}: draws samples from a trained generator into a NumPy .npy file. */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = "Draw N samples from a checkpoint's generator into FILE.npy (N x data size, float32).")
final class SampleCommand implements Callable<Integer> {
    @Option(names = "--checkpoint", required = true, paramLabel = "PATH", description = "A checkpoint, e.g. runs/first/checkpoints/latest.")
    Path checkpoint;

    @Option(names = "--n", description = "Number of samples (default ${DEFAULT-VALUE}; with --z, the rows of z).", defaultValue = "10000")
    int n;

    @Option(names = "--seed", description = "Seed for the noise (default ${DEFAULT-VALUE}).", defaultValue = "0")
    long seed;

    @Option(names = "--z", paramLabel = "FILE.npy", description = "Use these noise vectors ([N, latent] float32) instead of drawing them.")
    Path z;

    @Option(names = "--out", required = true, paramLabel = "FILE.npy", description = "Where to write the samples.")
    Path out;

    @Option(names = "--backend", description = "cpu or djl.")
    String backend;

    @Option(names = "--device", description = "gpu or cpu (djl).")
    String device;

    @Option(names = "--batch", description = "Samples per forward pass (default ${DEFAULT-VALUE}).", defaultValue = "500")
    int batch;

    @Override
    public Integer call() throws Exception {
        if (n <= 0 || batch <= 0) {
            throw new IllegalArgumentException("--n and --batch must be positive, got " + n + " and " + batch);
        }
        Wiring wiring = new Wiring(backend, device);
        Backend b = wiring.backend();
        LoadedCheckpoint loaded = LoadedCheckpoint.load(checkpoint, wiring, b);
        GanModel model = loaded.model();
        float[] noise = z == null ? Sampler.noise(model.prior(), new Rng(seed), n) : readNoise(model);
        int count = noise.length / model.prior().dim();
        float[] samples = Sampler.generate(model, b, noise, count, batch);
        Npy.write(out, new int[] {count, model.dataSize()}, samples);
        System.out.printf("Wrote %d samples of %d values (epoch %s of %s) to %s%n", count, model.dataSize(),
                loaded.checkpoint().metadata().getOrDefault("epoch", "?"), loaded.recipe().name(), out);
        return 0;
    }

    private float[] readNoise(GanModel model) throws java.io.IOException {
        Npy.Array a = Npy.read(z);
        if (a.shape().length != 2 || a.shape()[1] != model.prior().dim()) {
            throw new IllegalArgumentException(z + " has shape " + java.util.Arrays.toString(a.shape()) + "; the generator"
                    + " needs noise of shape [N, " + model.prior().dim() + "]");
        }
        return a.values();
    }
}

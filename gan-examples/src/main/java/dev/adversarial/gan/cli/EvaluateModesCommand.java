package dev.adversarial.gan.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.google.inject.Inject;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.core.data.Mixture2D;
import dev.adversarial.gan.core.io.AtomicFiles;
import dev.adversarial.gan.core.io.Npy;
import dev.adversarial.gan.core.train.GanModel;
import dev.adversarial.gan.core.train.Sampler;
import dev.adversarial.gan.eval.toy.ModeCoverage;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code gan evaluate modes}: modes covered and the share of high-quality samples on the 2-D
 * mixtures, with VEEGAN's definitions (see {@link ModeCoverage}).
 */
@Command(name = "modes", mixinStandardHelpOptions = true,
        description = {"Modes covered and share of high-quality samples (within 3σ of a mode) on the 2-D ring of 8 or"
                + " grid of 25 Gaussians (VEEGAN's definitions).",
            "Example: gan evaluate modes --samples points.npy --mixture ring"})
final class EvaluateModesCommand implements Callable<Integer> {
    @Option(names = "--samples", paramLabel = "FILE.npy", description = "Points as an [N, 2] float32 .npy file.")
    Path samples;

    @Option(names = "--checkpoint", paramLabel = "PATH", description = "Draw the points from this checkpoint's generator.")
    Path checkpoint;

    @Option(names = "--real", description = "Score N points of the mixture itself (the reference: all modes, about"
            + " 98.9% high quality).")
    boolean real;

    @Option(names = "--mixture", required = true, paramLabel = "NAME", description = "ring (8 modes) or grid (25 modes).")
    String mixture;

    @Option(names = "--n", description = "Points to draw (default ${DEFAULT-VALUE}, as VEEGAN and PacGAN).",
            defaultValue = "2500")
    int n;

    @Option(names = "--min-count", description = "High-quality points a mode needs to count as covered (default"
            + " ${DEFAULT-VALUE}, VEEGAN's convention).", defaultValue = "1")
    int minCount;

    @Option(names = "--seed", description = "Seed for drawn points (default ${DEFAULT-VALUE}).", defaultValue = "0")
    long seed;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the results to this JSON file.")
    Path json;

    @Mixin
    BackendOptions backendOptions;

    @Inject
    Recipes recipes;

    @Override
    public Integer call() throws Exception {
        int given = (samples != null ? 1 : 0) + (checkpoint != null ? 1 : 0) + (real ? 1 : 0);
        if (given != 1) {
            throw new IllegalArgumentException("Give exactly one of --samples FILE.npy, --checkpoint PATH or --real");
        }
        if (n <= 0) {
            throw new IllegalArgumentException("--n must be positive, got " + n);
        }
        Mixture2D m = ModeCoverage.mixture(mixture);
        float[] points;
        int count;
        String source;
        if (samples != null) {
            Npy.Array a = Npy.read(samples);
            if (a.rowSize() != 2) {
                throw new IllegalArgumentException(samples + " has shape " + java.util.Arrays.toString(a.shape())
                        + "; mode coverage needs points of shape [N, 2]");
            }
            points = a.values();
            count = a.rows();
            source = samples.toString();
        } else if (checkpoint != null) {
            LoadedCheckpoint loaded = LoadedCheckpoint.load(checkpoint, recipes, backendOptions.backend());
            GanModel model = loaded.model();
            if (model.dataSize() != 2) {
                throw new IllegalArgumentException(checkpoint + " is a " + loaded.recipe().name() + " model making "
                        + model.dataSize() + " values per sample; mode coverage is for 2-D toy models");
            }
            points = Sampler.generate(model, backendOptions.backend(), Sampler.noise(model.prior(), new Rng(seed), n), n, 500);
            count = n;
            source = checkpoint + " (seed " + seed + ")";
        } else {
            points = m.sample(new Rng(seed), n).values();
            count = n;
            source = m.name() + " itself (seed " + seed + ")";
        }
        ModeCoverage.Result r = ModeCoverage.compute(m, points, count, minCount);
        System.out.println(m.name() + ", " + source + ":");
        System.out.println(r);
        if (json != null) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("metric", "modes");
            out.put("mixture", m.name());
            out.put("samples_source", source);
            out.put("samples", r.samples());
            out.put("modes_covered", r.modesCovered());
            out.put("modes", r.modeCount());
            out.put("high_quality_share", r.highQualityShare());
            out.put("min_count", r.minCount());
            out.put("quality_stds", ModeCoverage.QUALITY_STDS);
            out.put("per_mode", r.perMode());
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            AtomicFiles.write(json, o -> mapper.writeValue(o, out));
            System.out.println("Wrote " + json);
        }
        return 0;
    }
}

package dev.adversarial.gan.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.google.inject.Inject;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.core.data.GaussianMixture1D;
import dev.adversarial.gan.core.io.AtomicFiles;
import dev.adversarial.gan.core.train.GanModel;
import dev.adversarial.gan.core.train.Sampler;
import dev.adversarial.gan.eval.theory.GameQuadrature;
import dev.adversarial.gan.eval.theory.Toy1dTheory;
import dev.adversarial.gan.recipes.Toy1dRecipe;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code gan evaluate theory}: the paper's Proposition 1 and Theorem 1 on a trained
 * one-dimensional model, by quadrature ({@link Toy1dTheory}): V(D, G) for the trained D,
 * C(G) = V(D*, G), −log 4 + 2·JSD(p_data ‖ p_g) and JSD alone, with p_g exact by change of
 * variables; and how close the game is to its equilibrium (W1 of samples, mean |D − ½|).
 */
@Command(name = "theory", mixinStandardHelpOptions = true,
        description = {"Theorem 1 on a trained 1-D model (toy-1d), by quadrature: V(D,G), C(G) = V(D*,G),"
                + " -log 4 + 2 JSD(p_data || p_g) and JSD, with p_g exact by change of variables.",
            "Example: gan evaluate theory --checkpoint runs/toy-1d-1/checkpoints/latest"})
final class EvaluateTheoryCommand implements Callable<Integer> {
    @Option(names = "--checkpoint", required = true, paramLabel = "PATH", description = "A toy-1d checkpoint.")
    Path checkpoint;

    @Option(names = "--n", description = "Samples of G for the Wasserstein-1 distance (default ${DEFAULT-VALUE}).",
            defaultValue = "100000")
    int n;

    @Option(names = "--seed", description = "Seed for those samples (default ${DEFAULT-VALUE}).", defaultValue = "0")
    long seed;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the results to this JSON file.")
    Path json;

    @Mixin
    BackendOptions backendOptions;

    @Inject
    Recipes recipes;

    @Override
    public Integer call() throws Exception {
        if (n <= 0) {
            throw new IllegalArgumentException("--n must be positive, got " + n);
        }
        LoadedCheckpoint loaded = LoadedCheckpoint.load(checkpoint, recipes, backendOptions.backend());
        if (!(loaded.recipe() instanceof Toy1dRecipe toy)) {
            throw new IllegalArgumentException(checkpoint + " is a " + loaded.recipe().name() + " checkpoint; the theory"
                    + " evaluation needs a one-dimensional model with a known p_data: train one with"
                    + " `gan train --recipe " + Toy1dRecipe.NAME + "`");
        }
        GanModel model = loaded.model();
        GaussianMixture1D data = toy.distribution(loaded.settings());
        float[] samples = Sampler.generate(model, backendOptions.backend(), Sampler.noise(model.prior(), new Rng(seed), n), n, 10_000);
        Toy1dTheory.Snapshot s = Toy1dTheory.evaluate(model, backendOptions.backend(), data, samples);
        GameQuadrature.Values v = s.values();
        double[] x = s.x();
        String epoch = loaded.checkpoint().metadata().getOrDefault("epoch", "?");
        System.out.printf(Locale.ROOT, "%s (epoch %s), p_data = %s%n", checkpoint, epoch, data);
        System.out.printf(Locale.ROOT, "Quadrature: midpoint rule on %d cells over [%.3f, %.3f]; p_g by change of variables"
                + " (G' by autograd, %d fold%s of G)%n", x.length, x[0], x[x.length - 1], s.folds(),
                s.folds() == 1 ? "" : "s");
        System.out.printf(Locale.ROOT, "  V(D, G), trained D          %.9f%n", v.valueOfD());
        System.out.printf(Locale.ROOT, "  C(G) = V(D*, G)             %.9f%n", v.cOfG());
        System.out.printf(Locale.ROOT, "  -log 4 + 2 JSD              %.9f%n", v.theorem1());
        System.out.printf(Locale.ROOT, "  Theorem 1: difference       %.2e (= log 2 x (mass of p_data + mass of p_g - 2))%n",
                v.cOfG() - v.theorem1());
        System.out.printf(Locale.ROOT, "  JSD(p_data || p_g)          %.9f nats%n", v.jsd());
        System.out.printf(Locale.ROOT, "  -log 4                      %.9f%n", GameQuadrature.MINUS_LOG_4);
        System.out.printf(Locale.ROOT, "  C(G) - V(D, G)              %.9f (0 when D = D*, Proposition 1)%n",
                v.cOfG() - v.valueOfD());
        System.out.printf(Locale.ROOT, "  mass of p_data, of p_g      %.12f, %.12f%n", v.massData(), v.massG());
        System.out.printf(Locale.ROOT, "  mean |D(x) - 1/2| on p_data %.6f%n", v.meanAbsDMinusHalf());
        System.out.printf(Locale.ROOT, "  W1(p_g, p_data)             %.6f (%d samples of G, seed %d)%n", s.w1(), n, seed);
        if (json != null) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("metric", "theory");
            out.put("checkpoint", checkpoint.toString());
            out.put("epoch", epoch);
            out.put("p_data", data.toString());
            out.put("cells", x.length);
            out.put("range", new double[] {x[0], x[x.length - 1]});
            out.put("v_d_g", v.valueOfD());
            out.put("c_g", v.cOfG());
            out.put("minus_log4_plus_2jsd", v.theorem1());
            out.put("jsd", v.jsd());
            out.put("mass_p_data", v.massData());
            out.put("mass_p_g", v.massG());
            out.put("mean_abs_d_minus_half", v.meanAbsDMinusHalf());
            out.put("w1", s.w1());
            out.put("w1_samples", n);
            out.put("folds", s.folds());
            out.put("gan_version", Versions.project());
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            AtomicFiles.write(json, o -> mapper.writeValue(o, out));
            System.out.println("Wrote " + json);
        }
        return 0;
    }
}

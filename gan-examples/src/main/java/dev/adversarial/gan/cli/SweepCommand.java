package dev.adversarial.gan.cli;

import com.google.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gan sweep}: a recipe trained once per seed, or a baseline sample set drawn once per
 * seed, each scored by the Parzen protocol and the classifier metrics, summarised as mean ± sample
 * standard deviation across seeds. See {@link Sweep} for the resume rules.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Train a recipe once per seed in DIR/seed-S and score each final checkpoint (10,000 samples) by"
                + " the Parzen protocol and the classifier metrics; or score a baseline sample set per seed the same"
                + " way. Writes DIR/seed-S/scores.json, DIR/summary.md and DIR/summary.json (one row per seed, mean ±"
                + " sample sd).",
            "Resumable: run the same command again and seeds that are trained and scored are skipped, an interrupted"
                + " run resumes from its latest checkpoint.",
            "Seeds run one after another: a training run already keeps every core busy (on 2 cores, two runs side"
                + " by side would only share them). To spread seeds over machines, give each machine its own --seeds"
                + " and --out, copy the seed-S directories into one DIR, and rerun with all the seeds to write the"
                + " summary.",
            "Examples: gan sweep --recipe paper-mnist --seeds 1,2,3 --epochs 300 --out runs/sweep",
            "          gan sweep --baseline kmeans --seeds 1 --out runs/baseline-kmeans"})
final class SweepCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--recipe", paramLabel = "NAME", description = "Recipe to train once per seed (an MNIST or"
            + " Fashion-MNIST one: the scores need images).")
    String recipe;

    @Option(names = "--baseline", paramLabel = "real|kmeans", description = "Instead of a recipe: real (n random"
            + " training images per seed) or kmeans (n k-means centroids of the training split, k-means++ seeded by"
            + " the seed), the baselines of Theis et al. (2016).")
    String baseline;

    @Option(names = "--seeds", required = true, paramLabel = "S1,S2,...", description = "Seeds, comma-separated.")
    String seeds;

    @Option(names = "--epochs", description = "Epochs per run (default: the recipe's).")
    Integer epochs;

    @Option(names = "--set", paramLabel = "NAME=VALUE", description = "Override a recipe setting (repeatable).")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Sweep directory.")
    Path out;

    @Option(names = "--n", description = "Samples scored per seed (default ${DEFAULT-VALUE}, the Parzen protocol's).",
            defaultValue = "10000")
    int n;

    @Option(names = "--dataset", paramLabel = "NAME", description = "For --baseline: mnist or fashion-mnist (default"
            + " ${DEFAULT-VALUE}).", defaultValue = "mnist")
    String dataset;

    @Option(names = "--kmeans-iterations", paramLabel = "N", description = "For --baseline kmeans: the cap on Lloyd"
            + " iterations (default ${DEFAULT-VALUE}).",
            defaultValue = "10")
    int kmeansIterations;

    @Mixin
    BackendOptions backendOptions;

    @Inject
    Recipes recipes;

    @Inject
    TrainingRun runs;

    @Override
    public Integer call() throws Exception {
        List<Long> seedList = parseSeeds(seeds);
        if ((recipe == null) == (baseline == null)) {
            throw new IllegalArgumentException("Say what to sweep: --recipe NAME (train it per seed) or --baseline"
                    + " real|kmeans (score a baseline per seed), not both or neither");
        }
        if (n <= 0) {
            throw new IllegalArgumentException("--n must be positive, got " + n);
        }
        // The parse result's original arguments start at the top-level command, so "sweep" is among them.
        String command = "gan " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        Sweep.SeedJob job;
        MnistScorer scorer;
        if (baseline != null) {
            if (epochs != null || !overrides.isEmpty()) {
                throw new IllegalArgumentException("--baseline trains nothing; leave out --epochs and --set");
            }
            String name = dataset.toLowerCase(Locale.ROOT);
            scorer = new MnistScorer(name, backendOptions.backend());
            job = new Baselines(Baselines.Kind.parse(baseline), scorer, name, n, kmeansIterations);
        } else {
            SweepTraining training = new SweepTraining(recipes, runs, recipe, overrides, epochs, n, backendOptions);
            String data = training.dataset();
            if (!data.equals("mnist") && !data.equals("fashion-mnist")) {
                throw new IllegalArgumentException("gan sweep scores samples against MNIST or Fashion-MNIST, but recipe "
                        + recipe + " trains on '" + data + "'; sweep an image recipe (see `gan train --list`)");
            }
            scorer = new MnistScorer(data, backendOptions.backend());
            job = training;
        }
        new Sweep(job, scorer, command).run(seedList, out);
        return 0;
    }

    /** "1,2,3" as seeds, with one clear sentence for anything else. */
    static List<Long> parseSeeds(String text) {
        String example = " (e.g. --seeds 1,2,3)";
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("--seeds needs at least one seed" + example);
        }
        Set<Long> out = new LinkedHashSet<>();
        for (String part : text.split(",", -1)) {
            String p = part.trim();
            long seed;
            try {
                seed = Long.parseLong(p);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--seeds takes whole numbers separated by commas" + example + "; '" + p
                        + "' is not one");
            }
            if (!out.add(seed)) {
                throw new IllegalArgumentException("--seeds lists " + seed + " twice; each seed runs once");
            }
        }
        return List.copyOf(out);
    }
}

package dev.adversarial.gan.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gan train}: runs a recipe, or resumes a run from its directory. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a recipe (or --resume a run). Writes metrics.csv, samples/, loss.png, checkpoints/ and run.json.")
final class TrainCommand implements Callable<Integer> {
    @Option(names = "--recipe", description = "Recipe name (see `gan train --list`). Default: paper-mnist.")
    String recipe;

    @Option(names = "--list", description = "List the recipes and exit.")
    boolean list;

    @Option(names = "--backend", description = "cpu or djl (default: -Dgan.backend, GAN_BACKEND, else the highest priority).")
    String backend;

    @Option(names = "--device", description = "gpu or cpu, for backends that can use a GPU (djl).")
    String device;

    @Option(names = "--epochs", description = "Train until this many epochs are complete (default: the recipe's).")
    Integer epochs;

    @Option(names = "--seed", description = "Seed of the run's one random generator (default: ${DEFAULT-VALUE}).", defaultValue = "2014")
    long seed;

    @Option(names = "--out", description = "Run directory (default: runs/<recipe>-<seed>).")
    Path out;

    @Option(names = "--resume", paramLabel = "DIR", description = "Continue the run in DIR from its latest checkpoint.")
    Path resume;

    @Option(names = "--set", paramLabel = "NAME=VALUE", description = "Override a recipe setting (repeatable).")
    List<String> overrides = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        if (list) {
            Wiring w = new Wiring(backend, device);
            w.recipes().values().forEach(r -> System.out.printf("%-14s %s%n", r.name(), r.description()));
            System.out.println();
            System.out.println(dev.adversarial.gan.recipes.CommonSettings.HELP);
            return 0;
        }
        if (resume != null) {
            if (recipe != null || !overrides.isEmpty() || out != null) {
                throw new IllegalArgumentException("--resume continues a run exactly as it was configured; leave out"
                        + " --recipe, --set and --out (use --epochs to extend it)");
            }
            TrainingRun.resume(resume, epochs, backend, device);
        } else {
            TrainingRun.start(recipe == null ? "paper-mnist" : recipe, overrides, epochs, seed, out, backend, device);
        }
        return 0;
    }
}

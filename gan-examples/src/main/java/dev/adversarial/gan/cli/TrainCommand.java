package dev.adversarial.gan.cli;

import com.google.inject.Inject;
import dev.adversarial.gan.recipes.DcganRecipe;
import dev.adversarial.gan.recipes.TrainingData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gan train}: runs a recipe, or resumes a run from its directory. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a recipe (or --resume a run). Writes metrics.csv, samples/, loss.png, checkpoints/ and run.json.")
final class TrainCommand implements Callable<Integer> {
    @Option(names = "--recipe", description = "Recipe name (see `gan train --list`). Default: paper-mnist.")
    String recipe;

    @Option(names = "--list", description = "List the recipes and exit.")
    boolean list;

    @Mixin
    BackendOptions backendOptions;

    @Inject
    Recipes recipes;

    @Inject
    TrainingRun runs;

    @Option(names = "--epochs", description = "Train until this many epochs are complete (default: the recipe's).")
    Integer epochs;

    @Option(names = "--seed", description = "Seed of the run's one random generator (default: ${DEFAULT-VALUE}).", defaultValue = "2014")
    long seed;

    @Option(names = "--out", description = "Run directory (default: runs/<recipe>-<seed>).")
    Path out;

    @Option(names = "--resume", paramLabel = "DIR", description = "Continue the run in DIR from its latest checkpoint.")
    Path resume;

    @Option(names = "--data", paramLabel = "PATH", description = "Train on your own images: a folder (one subfolder per"
            + " class gives labels) or a .npy array, for recipes that read them (dcgan, the default with --data)."
            + " Same as --set data.path=PATH.")
    Path data;

    @Option(names = "--set", paramLabel = "NAME=VALUE", description = "Override a recipe setting (repeatable).")
    List<String> overrides = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        if (list) {
            recipes.all().values().forEach(r -> System.out.printf("%-14s %s%n", r.name(), r.description()));
            System.out.println();
            System.out.println(dev.adversarial.gan.recipes.CommonSettings.HELP);
            return 0;
        }
        if (resume != null) {
            if (recipe != null || !overrides.isEmpty() || out != null || data != null) {
                throw new IllegalArgumentException("--resume continues a run exactly as it was configured; leave out"
                        + " --recipe, --data, --set and --out (use --epochs to extend it)");
            }
            runs.resume(resume, epochs, backendOptions);
        } else {
            if (data != null) {
                useData();
            }
            runs.start(recipe == null ? "paper-mnist" : recipe, overrides, epochs, seed, out, backendOptions);
        }
        return 0;
    }

    /** --data becomes the recipe's data.path setting; without --recipe it picks dcgan. */
    private void useData() {
        recipe = recipe == null ? DcganRecipe.NAME : recipe;
        if (!recipes.recipe(recipe).defaults().containsKey(TrainingData.PATH_SETTING)) {
            throw new IllegalArgumentException("--data trains on your own images, but recipe '" + recipe + "' has its own"
                    + " data set; use --recipe " + DcganRecipe.NAME + " (or leave out --recipe)");
        }
        overrides.add(0, TrainingData.PATH_SETTING + "=" + data);
    }
}

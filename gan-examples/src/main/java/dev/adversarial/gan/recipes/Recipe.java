package dev.adversarial.gan.recipes;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.api.optim.Optimizer;
import dev.adversarial.gan.core.data.ArrayDataset;
import dev.adversarial.gan.core.train.AdversarialTrainer;
import dev.adversarial.gan.core.train.GanModel;
import dev.adversarial.gan.core.train.TrainingConfig;
import dev.adversarial.gan.core.train.TrainingListener;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A complete, named experiment: data, model, optimizers and trainer settings. Recipes are bound
 * by name with Guice (see {@link RecipesModule}); every choice they make is a {@link Settings}
 * entry, so that run.json and checkpoints record it and `gan sample` can rebuild the model.
 */
public interface Recipe {
    String name();

    String description();

    /** Every setting the recipe reads, with its default. */
    Map<String, String> defaults();

    int defaultEpochs();

    /** The training data, fetched on first use. */
    ArrayDataset trainingData(Settings s) throws java.io.IOException;

    /**
     * Builds G and D. {@code trainingData} is null when the model is rebuilt to load a
     * checkpoint; data-dependent initial values are then irrelevant and may be left at zero.
     */
    GanModel model(Backend backend, Rng rng, Settings s, ArrayDataset trainingData);

    Optimizer discriminatorOptimizer(GanModel model, Settings s);

    Optimizer generatorOptimizer(GanModel model, Settings s);

    TrainingConfig training(Settings s);

    /**
     * Epochs between the numbered checkpoints the run keeps (setting {@code checkpoint.every});
     * checkpoints/latest is written after every epoch. The checkpoint listener's setting, not
     * the trainer's, so it is not part of {@link #training}.
     */
    default int checkpointEvery(Settings s) {
        int every = s.integer("checkpoint.every");
        if (every <= 0) {
            throw new IllegalArgumentException("Setting 'checkpoint.every' is the number of epochs between kept checkpoints"
                    + " and must be positive, got " + s.string("checkpoint.every"));
        }
        return every;
    }

    /** Height and width when samples are images (for sample grids), else null. */
    default int[] imageShape() {
        return null;
    }

    /**
     * The image shape under these settings: [height, width] for grayscale or [channels, height,
     * width] (CHW) for colour; null when samples are not images. Recipes whose image size
     * follows their settings ({@code dcgan}) override this one.
     */
    default int[] imageShape(Settings s) {
        return imageShape();
    }

    /**
     * {@link #trainingData} with what loading it determined: settings filled in from the data
     * and facts for run.json. The trainer gets its data, and run.json and checkpoints their
     * settings, from here; recipes whose data is fixed need not override it.
     */
    default TrainingData loadTrainingData(Settings s) throws java.io.IOException {
        return new TrainingData(trainingData(s), s, Map.of(), List.of());
    }

    /** Listeners this recipe adds, such as a figure drawn during training. */
    default List<TrainingListener> listeners(Path runDir, Settings s, long seed, int totalEpochs) {
        return List.of();
    }

    /** The recipe's settings with {@link CommonSettings} added, overridden by {@code overrides}. */
    default Settings settings(Map<String, String> overrides) {
        Map<String, String> all = CommonSettings.defaults(Settings.withRunDefaults(defaults()));
        return Settings.of(name(), all, CommonSettings.implied(overrides, all));
    }

    /**
     * What the trainer runs: {@link #training} with the common settings applied (loss and k,
     * penalties, the generator average). Every path from a recipe to a trainer goes through here.
     */
    default TrainingConfig trainingConfig(Settings s) {
        return CommonSettings.apply(training(s), s);
    }

    /**
     * The one path from a recipe to a trainer, used by {@code gan train}, {@code gan bench} and the
     * cross-backend test and benchmark alike: the model drawn from {@code rng} first, then the two
     * optimizers and {@link #trainingConfig}, with the same {@code rng} left to the trainer (so a
     * seed gives the same run whichever caller builds it).
     */
    default AdversarialTrainer trainer(Backend backend, Settings s, ArrayDataset data, Rng rng) {
        GanModel model = model(backend, rng, s, data);
        return new AdversarialTrainer(backend, model, discriminatorOptimizer(model, s), generatorOptimizer(model, s),
                data, trainingConfig(s), rng);
    }
}

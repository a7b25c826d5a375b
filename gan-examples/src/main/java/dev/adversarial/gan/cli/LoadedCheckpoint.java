package dev.adversarial.gan.cli;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.core.checkpoint.Checkpoint;
import dev.adversarial.gan.core.checkpoint.CheckpointFormat;
import dev.adversarial.gan.core.provenance.Provenance;
import dev.adversarial.gan.core.train.GanModel;
import dev.adversarial.gan.core.train.TrainingCheckpoints;
import dev.adversarial.gan.recipes.Recipe;
import dev.adversarial.gan.recipes.Settings;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A checkpoint turned back into its recipe's model: the recipe name and settings recorded in the
 * checkpoint rebuild G and D, then the saved weights are loaded into them. G gets the moving
 * average of its weights when the run kept one, unless the raw G is asked for.
 *
 * @param averaged whether G holds the moving average
 */
record LoadedCheckpoint(Checkpoint checkpoint, Recipe recipe, Settings settings, GanModel model, boolean averaged) {

    static LoadedCheckpoint load(Path file, Recipes recipes, Backend backend) throws IOException {
        return load(file, recipes, backend, false);
    }

    static LoadedCheckpoint load(Path file, Recipes recipes, Backend backend, boolean rawGenerator) throws IOException {
        Checkpoint c = CheckpointFormat.read(file);
        Recipe recipe = recipes.recipe(c.require(Provenance.RECIPE));
        Settings settings = recipe.settings(Provenance.settingsFrom(c.metadata()));
        // Initial values are overwritten by the checkpoint, so no data and any seed will do.
        GanModel model = recipe.model(backend, new Rng(0), settings, null);
        boolean averaged = !rawGenerator && TrainingCheckpoints.hasGeneratorAverage(c);
        TrainingCheckpoints.loadLayer(c, averaged ? TrainingCheckpoints.GENERATOR_AVERAGE : TrainingCheckpoints.GENERATOR,
                model.generator(), backend);
        TrainingCheckpoints.loadLayer(c, TrainingCheckpoints.DISCRIMINATOR, model.discriminator(), backend);
        return new LoadedCheckpoint(c, recipe, settings, model, averaged);
    }
}

package dev.adversarial.gan.cli;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.core.checkpoint.Checkpoint;
import dev.adversarial.gan.core.checkpoint.CheckpointFormat;
import dev.adversarial.gan.core.train.CheckpointListener;
import dev.adversarial.gan.core.train.GanModel;
import dev.adversarial.gan.core.train.Sampler;
import dev.adversarial.gan.recipes.Recipe;
import dev.adversarial.gan.recipes.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sweep's work for one seed of a recipe: train it in DIR/seed-S with {@link TrainingRun}
 * (start, or resume an interrupted run from its latest checkpoint), then draw the samples to
 * score from the final checkpoint, with noise from the seed itself.
 */
final class SweepTraining implements Sweep.SeedJob {
    private final Recipes recipes;
    private final TrainingRun runs;
    private final Recipe recipe;
    private final List<String> overrides;
    private final Map<String, String> settings;
    private final int epochs;
    private final int samples;
    private final BackendOptions backendOptions;

    SweepTraining(Recipes recipes, TrainingRun runs, String recipeName, List<String> overrides, Integer epochs,
                  int samples, BackendOptions backendOptions) {
        this.recipes = recipes;
        this.runs = runs;
        this.recipe = recipes.recipe(recipeName);
        this.overrides = List.copyOf(overrides);
        this.settings = recipe.settings(Settings.parseOverrides(overrides)).asMap();
        this.epochs = epochs == null ? recipe.defaultEpochs() : epochs;
        if (this.epochs <= 0) {
            throw new IllegalArgumentException("--epochs must be positive, got " + this.epochs);
        }
        this.samples = samples;
        this.backendOptions = backendOptions;
    }

    /** The data set the recipe trains on, as its settings name it ("mnist", "gaussian", ...). */
    String dataset() {
        return settings.getOrDefault("data", "");
    }

    @Override
    public int samples() {
        return samples;
    }

    @Override
    public String title() {
        return "gan sweep: " + recipe.name() + ", " + epochs + " epochs";
    }

    @Override
    public Map<String, String> header() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("recipe", recipe.name() + " (" + recipe.description() + ")");
        h.put("settings", RunRecord.toJson(settings));
        h.put("epochs", Integer.toString(epochs));
        h.put("samples", samples + " per seed from the final checkpoint's generator (its moving average when the run"
                + " kept one), noise drawn with the run's own seed");
        return h;
    }

    @Override
    public boolean done(long seed, Path dir) throws IOException {
        if (!Files.exists(dir.resolve("run.json"))) {
            return false;
        }
        RunRecord r = RunRecord.read(dir);
        return "finished".equals(r.string("status")) && Integer.parseInt(r.string("epochs")) == epochs;
    }

    @Override
    public Sweep.Produced produce(long seed, Path dir) throws IOException {
        train(seed, dir);
        Path latest = CheckpointListener.latest(dir.resolve("checkpoints"));
        Backend backend = backendOptions.backend();
        LoadedCheckpoint loaded = LoadedCheckpoint.load(latest, recipes, backend);
        GanModel model = loaded.model();
        float[] x = Sampler.generate(model, backend, Sampler.noise(model.prior(), new Rng(seed), samples), samples, 500);
        Checkpoint c = loaded.checkpoint();
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("epochs", Double.parseDouble(c.require("epoch")));
        values.put("train_seconds", trainSeconds(dir, c));
        String source = latest + " (epoch " + c.require("epoch") + ", noise seed " + seed
                + (loaded.averaged() ? ", averaged G" : "") + ")";
        return new Sweep.Produced(x, samples, model.dataSize(), source, values,
                Map.of("run", dir.resolve("run.json").toString()));
    }

    /**
     * The run's training time over all its sessions: run.json's once it finished (taken after the
     * last epoch's listeners), else the clock saved in the checkpoint.
     */
    private static double trainSeconds(Path dir, Checkpoint c) throws IOException {
        RunRecord r = RunRecord.read(dir);
        if ("finished".equals(r.string("status"))) {
            return Double.parseDouble(r.string("train_seconds"));
        }
        return Math.round(Double.parseDouble(c.require("elapsed_seconds")) * 10) / 10.0;
    }

    /** Starts, resumes or leaves alone the run in dir so that it ends up with the requested epochs. */
    private void train(long seed, Path dir) throws IOException {
        if (!Files.exists(dir.resolve("run.json"))) {
            System.out.println("Seed " + seed + ": starting a new run in " + dir);
            runs.start(recipe.name(), overrides, epochs, seed, dir, backendOptions);
            return;
        }
        RunRecord r = RunRecord.read(dir);
        requireSameRun(r, seed, dir);
        if (done(seed, dir)) {
            System.out.println("Seed " + seed + ": " + epochs + " epochs already trained in " + dir);
            return;
        }
        Path latest = CheckpointListener.latest(dir.resolve("checkpoints"));
        if (!Files.exists(latest)) {
            // The run stopped before its first epoch ended: nothing to resume, so it starts over.
            System.out.println("Seed " + seed + ": " + dir + " stopped before its first checkpoint; starting it again");
            Files.delete(dir.resolve("run.json"));
            runs.start(recipe.name(), overrides, epochs, seed, dir, backendOptions);
            return;
        }
        int trained = Integer.parseInt(CheckpointFormat.read(latest).require("epoch"));
        if (trained > epochs) {
            throw new IllegalArgumentException(dir + " already holds " + trained + " epochs, more than this sweep's --epochs "
                    + epochs + "; pass --epochs " + trained + " or choose another --out");
        }
        if (trained == epochs) {
            System.out.println("Seed " + seed + ": " + dir + " has all " + epochs + " epochs in its checkpoint (its run.json"
                    + " says '" + r.string("status") + "'); scoring it");
            return;
        }
        System.out.println("Seed " + seed + ": resuming " + dir + " after epoch " + trained + " of " + epochs);
        runs.resume(dir, epochs, backendOptions);
    }

    /** A seed directory from another recipe, seed or settings must not be mixed into this sweep. */
    private void requireSameRun(RunRecord r, long seed, Path dir) {
        String recorded = r.string("recipe");
        long recordedSeed = Long.parseLong(r.string("seed"));
        Map<String, String> recordedSettings = r.map("settings");
        if (!recorded.equals(recipe.name()) || recordedSeed != seed || !recordedSettings.equals(settings)) {
            throw new IllegalArgumentException(dir + " holds a run of recipe " + recorded + ", seed " + recordedSeed
                    + ", settings " + RunRecord.toJson(recordedSettings) + ", not this sweep's " + recipe.name() + ", seed "
                    + seed + ", settings " + RunRecord.toJson(settings) + "; choose another --out");
        }
    }
}

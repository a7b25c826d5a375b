package dev.adversarial.gan.cli;

import com.google.inject.Inject;
import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.core.checkpoint.Checkpoint;
import dev.adversarial.gan.core.data.ArrayDataset;
import dev.adversarial.gan.core.provenance.Provenance;
import dev.adversarial.gan.core.train.AdversarialTrainer;
import dev.adversarial.gan.core.train.CheckpointListener;
import dev.adversarial.gan.core.train.EpochMetrics;
import dev.adversarial.gan.core.train.GanModel;
import dev.adversarial.gan.core.train.MetricsCsvListener;
import dev.adversarial.gan.core.train.TrainingCheckpoints;
import dev.adversarial.gan.core.train.TrainingDivergedException;
import dev.adversarial.gan.core.train.TrainingListener;
import dev.adversarial.gan.recipes.Recipe;
import dev.adversarial.gan.recipes.Settings;
import dev.adversarial.gan.recipes.TrainingData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One training run in its directory: builds the recipe's pieces, attaches the listeners that
 * write the run's outputs, records provenance in run.json, and reports where everything went.
 * Built by Guice ({@link Wiring}): the recipes, the backend factory, the provenance source and the
 * clock that stamps run.json arrive through its constructor.
 */
final class TrainingRun {
    private final Recipes recipes;
    private final BackendFactory backends;
    private final RunProvenance provenance;
    private final Clock clock;

    @Inject
    TrainingRun(Recipes recipes, BackendFactory backends, RunProvenance provenance, Clock clock) {
        this.recipes = recipes;
        this.backends = backends;
        this.provenance = provenance;
        this.clock = clock;
    }

    void start(String recipeName, List<String> overrides, Integer epochs, long seed, Path out,
               BackendOptions backendOptions) throws IOException {
        Recipe recipe = recipes.recipe(recipeName);
        Settings settings = recipe.settings(Settings.parseOverrides(overrides));
        int total = epochs == null ? recipe.defaultEpochs() : epochs;
        if (total <= 0) {
            throw new IllegalArgumentException("--epochs must be positive, got " + total);
        }
        Path dir = out != null ? out : Path.of("runs", recipeName + "-" + seed);
        requireDirectory(dir, "--out");
        // The backend first: a wrong --backend or --device must not leave a directory behind.
        Backend backend = backends.backend(backendOptions.name, backendOptions.device, "--backend");
        try (RunLock lock = RunLock.acquire(dir, "training " + recipeName)) {
            if (Files.exists(dir.resolve("run.json"))) {
                RunCheckpoints.Found found = RunCheckpoints.newestIntact(dir);
                if (!found.none() || !found.damaged().isEmpty()) {
                    throw new IllegalArgumentException(dir + " already holds a run with checkpoints; continue it with"
                            + " `gan train --resume " + dir + "` or choose another --out");
                }
                // Nothing to lose: the run there stopped before its first checkpoint.
                System.out.println("Note: " + dir + " holds a run that stopped before its first checkpoint; starting"
                        + " over in it");
            }
            RunCheckpoints.deleteOrphans(dir);
            RunRecord record = RunRecord.create(dir).putProvenance(provenance.of(recipe, settings, seed, backend))
                    .put("description", recipe.description()).put("epochs", total).put("machine", Versions.machine())
                    .put("command", "gan train --recipe " + recipeName + " --epochs " + total + " --seed " + seed
                            + (overrides.isEmpty() ? "" : " --set " + String.join(" --set ", overrides)));
            run(recipe, settings, seed, total, dir, backend, record, null);
        }
    }

    void resume(Path dir, Integer epochs, BackendOptions backendOptions) throws IOException {
        requireDirectory(dir, "--resume");
        RunRecord record = RunRecord.read(dir);
        Provenance recorded = record.provenance();
        Recipe recipe = recipes.recipe(recorded.recipe());
        Settings settings = recipe.settings(recorded.settings());
        long seed = recorded.seed();
        int total = epochs != null ? epochs : record.intValue("epochs");
        if (total <= 0) {
            throw new IllegalArgumentException("--epochs must be positive, got " + total);
        }
        // Without --backend the run continues on the backend it recorded.
        Backend backend = backendOptions.name != null
                ? backends.backend(backendOptions.name, backendOptions.device, "--backend")
                : backends.backend(recorded.backend(), backendOptions.device, dir.resolve("run.json").toString());
        try (RunLock lock = RunLock.acquire(dir, "resuming " + recipe.name())) {
            RunCheckpoints.Found found = RunCheckpoints.newestIntact(dir);
            Checkpoint checkpoint = found.checkpoint();
            if (found.none() && !found.damaged().isEmpty()) {
                throw new IllegalArgumentException("No checkpoint in " + dir.resolve("checkpoints") + " can be read: "
                        + String.join("; ", found.damaged()) + ". Start the run again in a new directory: "
                        + record.string("command") + " --out NEW_DIR");
            }
            if (found.none()) {
                System.out.println(dir + " has no checkpoint yet: the run stopped before its first epoch ended, so it"
                        + " starts again from the beginning with its recorded recipe, settings and seed");
            } else if (!found.damaged().isEmpty()) {
                System.out.println("Warning: skipped unreadable " + String.join("; ", found.damaged()) + ". Resuming"
                        + " from " + found.file() + ", the newest intact checkpoint");
            }
            int done = checkpoint == null ? 0 : checkpoint.requireInt("epoch");
            if (done >= total) {
                throw new IllegalArgumentException(dir + " already has " + done + " epochs; pass --epochs N with N > "
                        + done + " to train further");
            }
            RunCheckpoints.deleteOrphans(dir);
            record.putProvenance(provenance.of(recipe, settings, seed, backend)).put("epochs", total)
                    .put("machine", Versions.machine());
            if (checkpoint != null) {
                record.put("resumed_at_epoch", done);
            }
            run(recipe, settings, seed, total, dir, backend, record, checkpoint);
        }
    }

    /** A run lives in a directory; a file in its place gets a sentence instead of the bare path Java reports. */
    private static void requireDirectory(Path dir, String option) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException(option + " " + dir + " is a file, but a run is a directory of outputs;"
                    + " choose a directory" + (option.equals("--out") ? " that does not exist yet or holds a run" : " made"
                    + " by `gan train --out DIR`"));
        }
    }

    private void run(Recipe recipe, Settings settings, long seed, int total, Path dir, Backend backend,
                     RunRecord record, Checkpoint checkpoint) throws IOException {
        System.out.println("Recipe " + recipe.name() + " on backend " + backend.name() + " (" + backend.device()
                + "), seed " + seed + ", " + total + " epochs -> " + dir);
        TrainingData loaded = recipe.loadTrainingData(settings);
        ArrayDataset data = loaded.dataset();
        settings = loaded.settings(); // what the data fixed (a user's image size) is recorded with the rest
        // Made once here: run.json and every checkpoint (and so every export) record this same value.
        Provenance facts = provenance.of(recipe, settings, seed, backend);
        record.putProvenance(facts);
        loaded.notes().forEach(n -> System.out.println("Data: " + n));
        AdversarialTrainer trainer = recipe.trainer(backend, settings, data, new Rng(seed));
        GanModel model = trainer.model();
        if (checkpoint != null) {
            TrainingCheckpoints.restore(checkpoint, trainer);
            System.out.println("Resuming after epoch " + trainer.epoch() + " (iteration " + trainer.iteration() + ")");
        }
        List<TrainingListener> recipeListeners = recipe.listeners(dir, settings, seed, total);
        // A recipe's per-epoch measurements (EpochMetrics) become columns of metrics.csv.
        trainer.addListener(new MetricsCsvListener(dir.resolve("metrics.csv"), recipeListeners.stream()
                .filter(EpochMetrics.class::isInstance).map(EpochMetrics.class::cast).toList()));
        // Before the checkpoints: under stop-on-collapse it ends an epoch before that epoch is saved.
        trainer.addListener(new TrainingHealthListener(seed, settings.flag(Settings.STOP_ON_COLLAPSE),
                w -> record.append("health", w.asMap()).saveUnchecked()));
        trainer.addListener(new CheckpointListener(dir.resolve("checkpoints"), facts, recipe.checkpointEvery(settings)));
        if (recipe.imageShape(settings) != null) {
            trainer.addListener(new SampleGridListener(dir.resolve("samples"), recipe.imageShape(settings), seed));
        }
        trainer.addListener(new LossPlotListener(dir.resolve("metrics.csv"), dir.resolve("loss.png"), recipe.name()));
        recipeListeners.forEach(trainer::addListener);
        trainer.addListener(new ProgressListener(total));

        warnIfDataChanged(record.optional("data"), loaded.provenance());
        Map<String, Object> dataFacts = new LinkedHashMap<>();
        dataFacts.put("name", data.name());
        dataFacts.put("examples", data.size());
        dataFacts.putAll(loaded.provenance());
        record.put("data", dataFacts)
                .put("parameters", Map.of("generator", model.generator().parameterCount(),
                        "discriminator", model.discriminator().parameterCount()))
                .put("iterations_per_epoch", trainer.iterationsPerEpoch())
                // A resumed run keeps the time it first started; the resume gets its own entry.
                .put(checkpoint == null ? "started" : "resumed", now()).put("status", "running");
        record.save();
        try {
            trainer.train(total);
        } catch (TrainingDivergedException e) {
            record.put("status", "diverged").put("message", e.getMessage()).put("finished", now()).save();
            if (e.epoch() == 1) {
                throw new TrainingDivergedException(e.getMessage() + " Nothing is lost by starting again: run `gan train`"
                        + " with the same --out and a lower --set lr=... or another --seed.", e.iteration(), e.epoch());
            }
            throw e;
        } catch (TrainingHealthListener.HealthStop e) {
            record.put("status", "stopped").put("message", e.getMessage()).put("finished", now()).save();
            int kept = e.lastCheckpointEpoch();
            throw new IllegalStateException(e.getMessage() + (kept > 0 ? " The last good checkpoint, from the end of"
                    + " epoch " + kept + ", is " + dir.resolve("checkpoints/latest") + "." : " No checkpoint had been"
                    + " written yet."), e);
        } catch (RuntimeException e) {
            record.put("status", "failed").put("message", Main.describe(e)).put("finished", now()).save();
            throw e;
        }
        double seconds = trainer.elapsedSeconds();
        record.put("status", "finished").put("finished", now())
                .put("train_seconds", Math.round(seconds * 10) / 10.0)
                .put("seconds_per_epoch", Math.round(seconds / total * 10) / 10.0).save();
        System.out.printf("Finished %d epochs in %.0f s (%.1f s per epoch). Outputs in %s:%n", total, seconds,
                seconds / total, dir);
        System.out.println("  metrics.csv          per-iteration losses, D outputs, learning rate, momentum");
        System.out.println("  loss.png             training curves");
        if (recipe.imageShape(settings) != null) {
            System.out.printf("  samples/epoch-%03d.png  samples from a fixed noise batch%n", total);
        }
        System.out.println("  checkpoints/latest   resume with `gan train --resume " + dir + "`, sample with `gan sample`");
        System.out.println("  run.json             provenance: recipe, settings, seed, backend, versions, times");
    }

    private String now() {
        return clock.instant().toString();
    }

    /** A resumed run on a user's data says so when the files are no longer what it started on. */
    private static void warnIfDataChanged(Object before, Map<String, Object> now) {
        if (before instanceof Map<?, ?> then && then.get("sha256") != null && now.get("sha256") != null
                && !then.get("sha256").equals(now.get("sha256"))) {
            System.out.println("WARNING: the data at " + now.get("path") + " changed since this run began (SHA-256 "
                    + then.get("sha256") + " then, " + now.get("sha256") + " now); training goes on with the data as it"
                    + " is now, and run.json records the new hash");
        }
    }
}

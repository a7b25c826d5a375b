package dev.adversarial.gan.cli;

import dev.adversarial.gan.core.checkpoint.Checkpoint;
import dev.adversarial.gan.core.checkpoint.CheckpointFormat;
import dev.adversarial.gan.core.train.GanModel;
import dev.adversarial.gan.recipes.Recipe;
import dev.adversarial.gan.recipes.Settings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes a model as the trainer's checkpoint would hold it, for tests of the commands that read checkpoints. */
final class TestCheckpoints {
    private TestCheckpoints() {
    }

    static Path write(Path file, Recipe recipe, Settings settings, GanModel model, int epoch) throws IOException {
        Map<String, Checkpoint.Entry> tensors = new LinkedHashMap<>();
        model.generator().stateDict().forEach((n, t) -> tensors.put("generator." + n,
                new Checkpoint.Entry(t.shape().dims(), t.toArray())));
        model.discriminator().stateDict().forEach((n, t) -> tensors.put("discriminator." + n,
                new Checkpoint.Entry(t.shape().dims(), t.toArray())));
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("recipe", recipe.name());
        meta.put("settings", RunRecord.toJson(settings.asMap()));
        meta.put("seed", "0");
        meta.put("backend", "cpu");
        meta.put("gan_version", Versions.project());
        meta.put("epoch", Integer.toString(epoch));
        CheckpointFormat.write(file, new Checkpoint(tensors, meta));
        return file;
    }
}

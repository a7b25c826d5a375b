package dev.adversarial.gan.core.train;

import dev.adversarial.gan.api.Scope;
import dev.adversarial.gan.core.checkpoint.Checkpoint;
import dev.adversarial.gan.core.checkpoint.CheckpointFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes DIR/latest after every epoch and DIR/epoch-NNN every {@code checkpointEvery} epochs,
 * each atomically. A failed run leaves the last completed epoch's checkpoint in place.
 */
public final class CheckpointListener implements TrainingListener {
    private final Path dir;
    private final Map<String, String> provenance;

    /** {@code provenance}: metadata entries every checkpoint carries besides the trainer's state. */
    public CheckpointListener(Path dir, Map<String, String> provenance) {
        this.dir = dir;
        this.provenance = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(provenance));
    }

    /** Checkpoints that record the run's provenance, flattened as the checkpoint format keeps it. */
    public CheckpointListener(Path dir, dev.adversarial.gan.core.provenance.Provenance provenance) {
        this(dir, provenance.toMetadata());
    }

    public static Path latest(Path dir) {
        return dir.resolve("latest");
    }

    @Override
    public void onEpochEnd(AdversarialTrainer trainer, int epoch) {
        try (Scope s = Scope.open()) {
            Checkpoint c = TrainingCheckpoints.capture(trainer, provenance);
            if (epoch % trainer.config().checkpointEvery() == 0) {
                CheckpointFormat.write(dir.resolve(String.format("epoch-%03d", epoch)), c);
            }
            CheckpointFormat.write(latest(dir), c);
        } catch (IOException e) {
            // AtomicFiles already names the file and the reason.
            throw new UncheckedIOException("Could not write a checkpoint: " + e.getMessage(), e);
        }
    }
}

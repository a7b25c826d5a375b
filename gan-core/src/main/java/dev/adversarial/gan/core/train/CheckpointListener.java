package dev.adversarial.gan.core.train;

import dev.adversarial.gan.api.Scope;
import dev.adversarial.gan.core.checkpoint.Checkpoint;
import dev.adversarial.gan.core.checkpoint.CheckpointFormat;
import dev.adversarial.gan.core.provenance.Provenance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes DIR/latest after every epoch and DIR/epoch-NNN every {@code every} epochs, each
 * atomically. A failed run leaves the last completed epoch's checkpoint in place. How often to
 * keep numbered checkpoints is this listener's setting, not the trainer's. It is a {@link
 * StateListener}: it reads the optimizers and the Rng, which a plain listener cannot reach.
 */
public final class CheckpointListener implements StateListener {
    private final Path dir;
    private final Map<String, String> provenance;
    private final int every;

    /**
     * @param provenance metadata entries every checkpoint carries besides the trainer's state
     * @param every      keep DIR/epoch-NNN for every epoch that is a multiple of this (latest is kept always)
     */
    public CheckpointListener(Path dir, Map<String, String> provenance, int every) {
        this.dir = dir;
        this.provenance = Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
        this.every = requireInterval(every);
    }

    /** Keeps a numbered checkpoint for every epoch. */
    public CheckpointListener(Path dir, Map<String, String> provenance) {
        this(dir, provenance, 1);
    }

    /** Checkpoints that record the run's provenance, flattened as the checkpoint format keeps it. */
    public CheckpointListener(Path dir, Provenance provenance, int every) {
        this(dir, provenance.toMetadata(), every);
    }

    /** As {@link #CheckpointListener(Path, Provenance, int)}, a numbered checkpoint every epoch. */
    public CheckpointListener(Path dir, Provenance provenance) {
        this(dir, provenance.toMetadata(), 1);
    }

    static int requireInterval(int every) {
        if (every <= 0) {
            throw new IllegalArgumentException("The checkpoint interval (checkpoint.every) must be a positive number of"
                    + " epochs, got " + every);
        }
        return every;
    }

    public static Path latest(Path dir) {
        return dir.resolve("latest");
    }

    /** Epochs between numbered checkpoints. */
    public int every() {
        return every;
    }

    @Override
    public void onEpochEnd(TrainingState state, int epoch) {
        try (Scope s = Scope.open()) {
            Checkpoint c = TrainingCheckpoints.capture(state, provenance);
            if (epoch % every == 0) {
                CheckpointFormat.write(dir.resolve(String.format("epoch-%03d", epoch)), c);
            }
            CheckpointFormat.write(latest(dir), c);
        } catch (IOException e) {
            // AtomicFiles already names the file and the reason.
            throw new UncheckedIOException("Could not write a checkpoint: " + e.getMessage(), e);
        }
    }
}

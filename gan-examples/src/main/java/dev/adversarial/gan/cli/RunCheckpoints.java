package dev.adversarial.gan.cli;

import dev.adversarial.gan.core.checkpoint.Checkpoint;
import dev.adversarial.gan.core.checkpoint.CheckpointFormat;
import dev.adversarial.gan.core.io.AtomicFiles;
import dev.adversarial.gan.core.train.CheckpointListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A run directory's checkpoints as a resume sees them: {@code latest} if it reads, else the
 * newest {@code epoch-NNN} that does, with a record of every file that did not and why. A
 * damaged {@code latest} used to end a resume although intact epoch checkpoints lay beside it.
 */
final class RunCheckpoints {
    private static final Pattern EPOCH = Pattern.compile("epoch-(\\d+)");

    /** The checkpoint to resume from (null when none reads) and the files that were skipped, with reasons. */
    record Found(Path file, Checkpoint checkpoint, List<String> damaged) {
        boolean none() {
            return checkpoint == null;
        }
    }

    private RunCheckpoints() {
    }

    static Found newestIntact(Path runDir) {
        Path dir = runDir.resolve("checkpoints");
        List<String> damaged = new ArrayList<>();
        for (Path f : candidates(dir)) {
            try {
                return new Found(f, CheckpointFormat.read(f), damaged);
            } catch (IOException | RuntimeException e) {
                damaged.add(f.getFileName() + " (" + Main.describe(e) + ")");
            }
        }
        return new Found(null, null, damaged);
    }

    /** latest first, then epoch-NNN from the highest epoch down; only files that exist. */
    private static List<Path> candidates(Path dir) {
        List<Path> out = new ArrayList<>();
        Path latest = CheckpointListener.latest(dir);
        if (Files.isRegularFile(latest)) {
            out.add(latest);
        }
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> EPOCH.matcher(p.getFileName().toString()).matches() && Files.isRegularFile(p))
                        .sorted(Comparator.comparingInt(RunCheckpoints::epochOf).reversed()).forEach(out::add);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("Could not list " + dir + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    private static int epochOf(Path p) {
        String digits = p.getFileName().toString().substring("epoch-".length());
        return digits.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(digits);
    }

    /**
     * Deletes the temporary files that a run killed mid-write left in its directory, its
     * checkpoints and its samples, and says how much they held. Called under the run lock.
     */
    static void deleteOrphans(Path runDir) throws IOException {
        AtomicFiles.Orphans removed = new AtomicFiles.Orphans(0, 0);
        for (Path d : List.of(runDir, runDir.resolve("checkpoints"), runDir.resolve("samples"))) {
            removed = removed.plus(AtomicFiles.deleteOrphans(d));
        }
        if (removed.files() > 0) {
            System.out.printf(Locale.ROOT, "Removed %d unfinished temporary file%s (%.1f MB) that an interrupted run"
                    + " left in %s%n", removed.files(), removed.files() == 1 ? "" : "s", removed.bytes() / 1e6, runDir);
        }
    }
}

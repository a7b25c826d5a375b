package dev.adversarial.gan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adversarial.gan.core.checkpoint.Checkpoint;
import dev.adversarial.gan.core.checkpoint.CheckpointFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault test: `gan train` in a separate JVM, killed with SIGKILL during an epoch and during
 * a checkpoint write, then resumed, must end exactly where an uninterrupted run ends: metrics.csv
 * (but for its wall-clock column) and every tensor and metadata entry of the final checkpoint
 * (but for elapsed_seconds and the checksum that covers it) bit for bit.
 *
 * <p>toy-1d with 400 hidden units: a 4 MB checkpoint (weights and Adam's two buffers), whose write
 * lasts long enough to be caught by watching for the writer's temporary file, and 12 iterations
 * in all. Tagged slow:
 * CI's profile runs it (about a minute on a 2-core machine).
 */
@Tag("slow")
class KillAndResumeTest {
    private static final String[] RUN = {"--recipe", "toy-1d", "--epochs", "4", "--seed", "11", "--set", "hidden=400",
        "--set", "data.size=600", "--set", "batch=200", "--set", "k=1", "--set", "checkpoint.every=2"};

    @TempDir
    Path tmp;

    @Test
    void killedRunsResumeBitForBit() throws Exception {
        Path reference = tmp.resolve("reference");
        assertThat(finish(start(reference))).as("uninterrupted run").isZero();

        Path midEpoch = tmp.resolve("mid-epoch");
        Process p = start(midEpoch);
        waitFor(() -> Files.exists(midEpoch.resolve("checkpoints/latest")), p);
        Thread.sleep(300); // into epoch 2's iterations
        kill(p);
        assertThat(finish(resume(midEpoch))).isZero();
        assertSameRun(reference, midEpoch);

        Path midWrite = tmp.resolve("mid-write");
        boolean caught = false;
        for (int attempt = 0; attempt < 8 && !caught; attempt++) {
            ReliabilityCliTest.deleteTree(midWrite);
            Process q = start(midWrite);
            Path checkpoints = midWrite.resolve("checkpoints");
            waitFor(() -> !temporaries(checkpoints).isEmpty(), q);
            kill(q);
            caught = !temporaries(checkpoints).isEmpty(); // the kill landed before the rename
        }
        assertThat(caught).as("a kill during a checkpoint write (its temporary file left behind)").isTrue();
        Process r = resume(midWrite);
        String out = new String(r.getInputStream().readAllBytes());
        assertThat(r.waitFor()).as(out).isZero();
        assertThat(out).contains("Removed").contains("unfinished temporary file");
        assertThat(temporaries(midWrite.resolve("checkpoints"))).isEmpty();
        assertSameRun(reference, midWrite);
    }

    private Process start(Path dir) throws IOException {
        List<String> args = new ArrayList<>(List.of("train", "--out", dir.toString()));
        args.addAll(List.of(RUN));
        return launch(args);
    }

    private Process resume(Path dir) throws IOException {
        return launch(List.of("train", "--resume", dir.toString()));
    }

    /** `gan` in its own JVM on this test's class path, as ./gan starts it. */
    private Process launch(List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xss4m", "--add-modules", "jdk.incubator.vector", "-Dai.djl.offline=true",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(args);
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    private static int finish(Process p) throws Exception {
        p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return p.exitValue();
    }

    /** SIGKILL: no shutdown hooks, no finally blocks, exactly what a crash or the OOM killer does. */
    private static void kill(Process p) throws InterruptedException {
        p.destroyForcibly();
        p.waitFor();
    }

    private interface Condition {
        boolean holds() throws IOException;
    }

    private static void waitFor(Condition c, Process p) throws Exception {
        Thread drain = new Thread(() -> {
            try {
                p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            } catch (IOException e) {
                // the process was killed
            }
        });
        drain.start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!c.holds()) {
            assertThat(p.isAlive()).as("the run ended before the moment to kill it").isTrue();
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(1);
        }
    }

    private static List<Path> temporaries(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList();
        } catch (IOException e) {
            return List.of(); // the directory changed under the listing; look again
        }
    }

    private static void assertSameRun(Path reference, Path resumed) throws IOException {
        assertThat(withoutTime(resumed.resolve("metrics.csv"))).isEqualTo(withoutTime(reference.resolve("metrics.csv")));
        Checkpoint a = CheckpointFormat.read(reference.resolve("checkpoints/latest"));
        Checkpoint b = CheckpointFormat.read(resumed.resolve("checkpoints/latest"));
        assertThat(b.tensors().keySet()).containsExactlyElementsOf(a.tensors().keySet());
        a.tensors().forEach((name, e) -> {
            int[] x = floatBits(e.values()), y = floatBits(b.requireTensor(name).values());
            assertThat(y).as(name).isEqualTo(x);
        });
        assertThat(timeless(b.metadata())).isEqualTo(timeless(a.metadata()));
        // The Rng state (an int64 array since gan-checkpoint/3) continues exactly too.
        assertThat(b.integers().keySet()).containsExactlyElementsOf(a.integers().keySet());
        assertThat(b.requireIntegers(Checkpoint.RNG_STATE)).isEqualTo(a.requireIntegers(Checkpoint.RNG_STATE));
        assertThat(b.require("epoch")).isEqualTo("4");
    }

    /** The rows without their elapsed_seconds field (found by the header: recipes may add columns after it). */
    private static List<String> withoutTime(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        int time = List.of(lines.get(0).split(",", -1)).indexOf("elapsed_seconds");
        return lines.stream().map(l -> {
            List<String> fields = new java.util.ArrayList<>(List.of(l.split(",", -1)));
            fields.remove(time);
            return String.join(",", fields);
        }).toList();
    }

    private static Map<String, String> timeless(Map<String, String> meta) {
        Map<String, String> m = new java.util.TreeMap<>(meta);
        m.remove("elapsed_seconds");
        m.remove("sha256");
        return m;
    }

    private static int[] floatBits(float[] v) {
        int[] bits = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            bits[i] = Float.floatToRawIntBits(v[i]);
        }
        return bits;
    }
}

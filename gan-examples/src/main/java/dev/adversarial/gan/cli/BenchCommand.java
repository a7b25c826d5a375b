package dev.adversarial.gan.cli;

import com.google.inject.Inject;
import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Backends;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.core.train.AdversarialTrainer;
import dev.adversarial.gan.core.train.IterationMetrics;
import dev.adversarial.gan.core.train.TrainingConfig;
import dev.adversarial.gan.core.train.TrainingListener;
import dev.adversarial.gan.core.train.TrainingView;
import dev.adversarial.gan.core.train.UpdateMode;
import dev.adversarial.gan.recipes.Recipe;
import dev.adversarial.gan.recipes.Settings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gan bench}: times full training iterations of a recipe on each backend in turn, in one
 * process, after a warm-up. An iteration is exactly what {@code gan train} runs (the recipe's
 * model with dropout, its batch size, update mode and optimizers), timed through the trainer
 * itself, so the figure is the training speed a user gets, not a kernel in isolation.
 *
 * <p>Every run also says which machine it ran on ({@link MachineReport}: CPU, vector extensions,
 * the JVM's vector settings; each backend's device names its kernel, tile and threads) and,
 * after the rounds, a practical peak: a 1024³ float32 product through libtorch (the djl backend,
 * when it is on the class path) and through each timed backend, so that kernel speeds can be
 * stated as a fraction of what this machine's best library reaches, in the same run.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Milliseconds per training iteration of a recipe on each backend, measured after a warm-up.",
                "Also prints the machine (CPU, vector extensions, JVM vector settings) and each backend's speed on a",
                "1024^3 float32 matrix product against libtorch's (djl) as a practical peak.",
                "The last line is the ratio of the first backend to the second (cpu/djl by default), of their best",
                "rounds and of their median rounds."})
final class BenchCommand implements Callable<Integer> {
    /** The backend whose matrix product is the practical peak: libtorch, through DJL. */
    private static final String PEAK_BACKEND = "djl";

    @Option(names = "--recipe", description = "Recipe to time (default: ${DEFAULT-VALUE}).", defaultValue = "paper-mnist")
    String recipe;

    @Option(names = "--backends", split = ",", description = "Backends, in order (default: ${DEFAULT-VALUE}).",
            defaultValue = "cpu,djl")
    List<String> backends;

    @Option(names = "--iters", description = "Timed iterations per round (default: ${DEFAULT-VALUE}).", defaultValue = "200")
    int iters;

    @Option(names = "--warmup", description = "Untimed iterations first, for the JIT and buffer pools (default: ${DEFAULT-VALUE}).",
            defaultValue = "50")
    int warmup;

    @Option(names = "--rounds", description = "Rounds; the backends take turns and each reports its best round, which"
            + " is the least disturbed by other work on the machine (default: ${DEFAULT-VALUE}).", defaultValue = "3")
    int rounds;

    @Option(names = "--device", description = "gpu or cpu, for backends that can use a GPU (djl).")
    String device;

    @Inject
    Recipes recipes;

    @Inject
    BackendFactory backendFactory;

    @Option(names = "--seed", description = "Seed (default: ${DEFAULT-VALUE}).", defaultValue = "2014")
    long seed;

    @Option(names = "--set", paramLabel = "NAME=VALUE", description = "Override a recipe setting (repeatable), e.g. update=alternating.")
    List<String> overrides = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        if (iters <= 0 || warmup < 0 || rounds <= 0) {
            throw new IllegalArgumentException("--iters and --rounds must be positive and --warmup not negative; got --iters "
                    + iters + " --warmup " + warmup + " --rounds " + rounds);
        }
        if (backends.isEmpty() || new java.util.HashSet<>(backends).size() != backends.size()) {
            throw new IllegalArgumentException("--backends must name each backend once, e.g. cpu,djl; got " + backends);
        }
        Map<String, Timer> timers = new LinkedHashMap<>();
        for (String name : backends) {
            timers.put(name, new Timer(name));
        }
        Settings settings = null;
        for (Timer t : timers.values()) {
            settings = t.prepare();
        }
        TrainingConfig config = timers.values().iterator().next().recipe.trainingConfig(settings);
        System.out.printf("Recipe %s, batch %d, %s updates%s; %d warm-up + %d timed iterations, %d round(s) per backend%n",
                recipe, config.batchSize(), config.mode().name().toLowerCase(java.util.Locale.ROOT),
                config.mode() == UpdateMode.ALTERNATING ? " (k = " + config.discriminatorSteps() + ")" : "",
                warmup, iters, rounds);
        System.out.println("Machine: " + MachineReport.describe());
        for (int r = 1; r <= rounds; r++) {
            for (Timer t : timers.values()) {
                double ms = t.round(r == 1 ? warmup : 0);
                System.out.printf("  round %d  %-4s %8.2f ms/iteration%n", r, t.name, ms);
            }
        }
        List<Timer> list = new ArrayList<>(timers.values());
        printPeak(list);
        for (Timer t : list) {
            System.out.printf("%-4s on %s: best %.2f ms/iteration, median %.2f%n", t.name, t.backend.device(),
                    t.best(), t.median());
        }
        if (list.size() >= 2) {
            Timer first = list.get(0), second = list.get(1);
            System.out.printf(Locale.ROOT, "ratio %s/%s = %.3f (best rounds), %.3f (medians)%n", first.name, second.name,
                    first.best() / second.best(), first.median() / second.median());
        }
        return 0;
    }

    /** Reps of the peak product: its best takes about a second in all on two cores. */
    private static final int PEAK_REPS = 10;

    /**
     * The 1024³ product on libtorch (the practical peak) and on each timed backend, after the
     * rounds so that every JIT is warm; each as a fraction of the peak.
     */
    private void printPeak(List<Timer> list) {
        Map<String, Backend> measured = new LinkedHashMap<>();
        if (Backends.available().contains(PEAK_BACKEND)) {
            measured.put(PEAK_BACKEND, Backends.get(PEAK_BACKEND));
        }
        for (Timer t : list) {
            measured.putIfAbsent(t.name, t.backend);
        }
        int n = MachineReport.PEAK_SIZE;
        Double peak = null;
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "Matrix product %d³ float32, best of %d:",
                n, PEAK_REPS));
        for (Map.Entry<String, Backend> e : measured.entrySet()) {
            double gflops = MachineReport.matmulGflops(e.getValue(), n, PEAK_REPS);
            if (e.getKey().equals(PEAK_BACKEND)) {
                peak = gflops;
            }
            line.append(String.format(Locale.ROOT, " %s %.1f GFLOP/s", e.getKey(), gflops));
            line.append(peak == null ? "" : e.getKey().equals(PEAK_BACKEND) ? " (libtorch: the practical peak)"
                    : String.format(Locale.ROOT, " (%.2f of peak)", gflops / peak));
            line.append(';');
        }
        line.setLength(line.length() - 1);
        System.out.println(peak == null ? line + " (no peak: the djl backend is not on the class path)" : line);
    }

    /** One backend's trainer, kept across rounds so that warm-up happens once. */
    private final class Timer {
        final String name;
        Recipe recipe;
        Backend backend;
        private AdversarialTrainer trainer;
        private final List<Double> msPerIteration = new ArrayList<>();

        Timer(String name) {
            this.name = name;
        }

        Settings prepare() throws java.io.IOException {
            recipe = recipes.recipe(BenchCommand.this.recipe);
            backend = backendFactory.backend(name, device, "--backends");
            Settings s = recipe.settings(Settings.parseOverrides(overrides));
            trainer = recipe.trainer(backend, s, recipe.trainingData(s), new Rng(seed));
            return s;
        }

        /** Runs {@code skip} untimed then {@code iters} timed iterations; returns ms per timed iteration. */
        double round(int skip) {
            IterationClock clock = new IterationClock(skip, skip + iters);
            trainer.addListener(clock);
            trainer.trainIterations(skip + iters);
            trainer.removeListener(clock);
            double ms = (clock.end - clock.start) / 1e6 / iters;
            msPerIteration.add(ms);
            return ms;
        }

        double best() {
            return msPerIteration.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        }

        double median() {
            double[] v = msPerIteration.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        }
    }

    /** Notes the time after iteration {@code from} and after iteration {@code to} (counted in this round). */
    private static final class IterationClock implements TrainingListener {
        private final int from, to;
        private int seen;
        long start = System.nanoTime(), end;

        IterationClock(int from, int to) {
            this.from = from;
            this.to = to;
        }

        @Override
        public void onIteration(TrainingView trainer, IterationMetrics metrics) {
            seen++;
            if (seen == from) {
                start = System.nanoTime();
            }
            if (seen == to) {
                end = System.nanoTime();
            }
        }
    }
}

package dev.adversarial.gan.cli;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.core.data.ArrayDataset;
import dev.adversarial.gan.core.train.AdversarialTrainer;
import dev.adversarial.gan.core.train.GanModel;
import dev.adversarial.gan.core.train.IterationMetrics;
import dev.adversarial.gan.core.train.TrainingConfig;
import dev.adversarial.gan.core.train.TrainingListener;
import dev.adversarial.gan.core.train.UpdateMode;
import dev.adversarial.gan.recipes.Recipe;
import dev.adversarial.gan.recipes.Settings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gan bench}: times full training iterations of a recipe on each backend in turn, in one
 * process, after a warm-up. An iteration is exactly what {@code gan train} runs (the recipe's
 * model with dropout, its batch size, update mode and optimizers), timed through the trainer
 * itself, so the figure is the training speed a user gets, not a kernel in isolation.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Milliseconds per training iteration of a recipe on each backend, measured after a warm-up.",
                "The last line is the ratio of the first backend to the second (cpu/djl by default)."})
final class BenchCommand implements Callable<Integer> {
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
        for (int r = 1; r <= rounds; r++) {
            for (Timer t : timers.values()) {
                double ms = t.round(r == 1 ? warmup : 0);
                System.out.printf("  round %d  %-4s %8.2f ms/iteration%n", r, t.name, ms);
            }
        }
        List<Timer> list = new ArrayList<>(timers.values());
        for (Timer t : list) {
            System.out.printf("%-4s on %-24s best %8.2f ms/iteration, median %8.2f%n", t.name, t.backend.device(),
                    t.best(), t.median());
        }
        if (list.size() >= 2) {
            System.out.printf("ratio %s/%s = %.3f (best rounds)%n", list.get(0).name, list.get(1).name,
                    list.get(0).best() / list.get(1).best());
        }
        return 0;
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
            Wiring wiring = new Wiring(name, device);
            recipe = wiring.recipe(BenchCommand.this.recipe);
            backend = wiring.backend();
            Settings s = recipe.settings(Settings.parseOverrides(overrides));
            ArrayDataset data = recipe.trainingData(s);
            Rng rng = new Rng(seed);
            GanModel model = recipe.model(backend, rng, s, data);
            trainer = new AdversarialTrainer(backend, model, recipe.discriminatorOptimizer(model, s),
                    recipe.generatorOptimizer(model, s), data, recipe.trainingConfig(s), rng);
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
        public void onIteration(AdversarialTrainer trainer, IterationMetrics metrics) {
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

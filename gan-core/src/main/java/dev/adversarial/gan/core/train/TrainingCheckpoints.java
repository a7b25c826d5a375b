package dev.adversarial.gan.core.train;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Layer;
import dev.adversarial.gan.api.Tensor;
import dev.adversarial.gan.api.optim.Optimizer;
import dev.adversarial.gan.api.optim.OptimizerState;
import dev.adversarial.gan.api.optim.OptimizerState.BufferKey;
import dev.adversarial.gan.core.checkpoint.Checkpoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps a trainer's whole state to a {@link Checkpoint} and back. Tensor names:
 * {@code generator.*} and {@code discriminator.*} (the modules' state dicts) and
 * {@code optimizer.generator.*} / {@code optimizer.discriminator.*} (their buffers), and
 * {@code ema.*} (the {@link GeneratorAverage}, when the run keeps one); an optimizer buffer is
 * named from its {@link BufferKey} ({@code optimizer.generator.velocity.3}) and found again by
 * building the same names from the optimizer's declared buffers, never by splitting a name. The
 * Rng state is the int64 array {@link Checkpoint#RNG_STATE}. Metadata: epoch, iteration, elapsed
 * seconds, each optimizer's step count, plus the run's provenance
 * ({@link dev.adversarial.gan.core.provenance.Provenance#toMetadata()}).
 */
public final class TrainingCheckpoints {
    public static final String GENERATOR = "generator.";
    public static final String DISCRIMINATOR = "discriminator.";
    /** The moving average of G's state, in G's state-dict names. */
    public static final String GENERATOR_AVERAGE = "ema.";
    private static final String G_OPT = "optimizer.generator.";
    private static final String D_OPT = "optimizer.discriminator.";

    private TrainingCheckpoints() {
    }

    public static Checkpoint capture(TrainingState t, Map<String, String> provenance) {
        Map<String, Checkpoint.Entry> tensors = new LinkedHashMap<>();
        put(tensors, GENERATOR, t.model().generator().stateDict());
        put(tensors, DISCRIMINATOR, t.model().discriminator().stateDict());
        putOptimizer(tensors, G_OPT, t.generatorOptimizer().state());
        putOptimizer(tensors, D_OPT, t.discriminatorOptimizer().state());
        if (t.generatorAverage() != null) {
            put(tensors, GENERATOR_AVERAGE, t.generatorAverage().state());
        }
        Map<String, String> meta = new LinkedHashMap<>(provenance);
        meta.put("epoch", Integer.toString(t.epoch()));
        meta.put("iteration", Long.toString(t.iteration()));
        meta.put("elapsed_seconds", Double.toString(t.elapsedSeconds()));
        meta.put(G_OPT + "steps", Long.toString(t.generatorOptimizer().steps()));
        meta.put(D_OPT + "steps", Long.toString(t.discriminatorOptimizer().steps()));
        return new Checkpoint(tensors, Map.of(Checkpoint.RNG_STATE, t.rng().state()), meta);
    }

    private static void putOptimizer(Map<String, Checkpoint.Entry> out, String prefix, OptimizerState state) {
        state.buffers().forEach((key, tensor) -> out.put(prefix + key.name(),
                new Checkpoint.Entry(tensor.shape().dims(), tensor.toArray())));
    }

    private static void put(Map<String, Checkpoint.Entry> out, String prefix, Map<String, Tensor> state) {
        state.forEach((name, tensor) -> out.put(prefix + name, new Checkpoint.Entry(tensor.shape().dims(), tensor.toArray())));
    }

    /** Loads parameters, optimizer state, the Rng and the position; the run continues as if never stopped. */
    public static void restore(Checkpoint c, AdversarialTrainer t) {
        Backend b = t.backend();
        loadLayer(c, GENERATOR, t.model().generator(), b);
        loadLayer(c, DISCRIMINATOR, t.model().discriminator(), b);
        if (t.generatorAverage() != null) {
            if (!hasGeneratorAverage(c)) {
                throw new IllegalArgumentException("This checkpoint keeps no generator average (ema) but the run asks for"
                        + " one; resume with the settings the run started with");
            }
            t.generatorAverage().load(tensors(c, GENERATOR_AVERAGE, b));
        }
        int epoch = c.requireInt("epoch");
        restoreOptimizer(c, G_OPT, t.generatorOptimizer(), b, epoch);
        restoreOptimizer(c, D_OPT, t.discriminatorOptimizer(), b, epoch);
        t.rng().restore(c.requireIntegers(Checkpoint.RNG_STATE));
        double elapsed;
        try {
            elapsed = Double.parseDouble(c.require("elapsed_seconds"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Checkpoint metadata 'elapsed_seconds' is not a number");
        }
        t.restorePosition(c.requireLong("iteration"), epoch, elapsed);
    }

    /** Loads one module's parameters (e.g. the generator for sampling) from the entries under {@code prefix}. */
    public static void loadLayer(Checkpoint c, String prefix, Layer module, Backend b) {
        module.loadStateDict(tensors(c, prefix, b));
    }

    /** Whether the checkpoint holds a moving average of G (a run with {@code ema} set). */
    public static boolean hasGeneratorAverage(Checkpoint c) {
        return c.tensors().keySet().stream().anyMatch(n -> n.startsWith(GENERATOR_AVERAGE));
    }

    /**
     * Every buffer the optimizer could hold, looked up under the name its key gives; a tensor under
     * the prefix that no key names belongs to another optimizer and is refused.
     */
    private static void restoreOptimizer(Checkpoint c, String prefix, Optimizer o, Backend b, int epoch) {
        Map<String, BufferKey> keysByName = new HashMap<>();
        for (String buffer : o.bufferNames()) {
            for (int i = 0; i < o.parameterCount(); i++) {
                BufferKey key = new BufferKey(buffer, i);
                keysByName.put(prefix + key.name(), key);
            }
        }
        // In the checkpoint's order, which is the order the optimizer created them: a resumed run saves them alike.
        Map<BufferKey, Tensor> buffers = new LinkedHashMap<>();
        List<String> foreign = new ArrayList<>();
        c.tensors().forEach((name, e) -> {
            if (name.startsWith(prefix)) {
                BufferKey key = keysByName.get(name);
                if (key == null) {
                    foreign.add(name);
                } else {
                    buffers.put(key, b.tensor(e.values(), e.shape()));
                }
            }
        });
        if (!foreign.isEmpty()) {
            throw new IllegalArgumentException("Checkpoint holds optimizer state " + foreign + " that "
                    + o.getClass().getSimpleName() + " over " + o.parameterCount() + " parameters does not keep (its"
                    + " buffers: " + o.bufferNames() + "); resume with the settings the run started with");
        }
        o.loadState(new OptimizerState(c.requireLong(prefix + "steps"), epoch, buffers));
    }

    private static Map<String, Tensor> tensors(Checkpoint c, String prefix, Backend b) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        c.tensors().forEach((name, e) -> {
            if (name.startsWith(prefix)) {
                out.put(name.substring(prefix.length()), b.tensor(e.values(), e.shape()));
            }
        });
        return out;
    }
}

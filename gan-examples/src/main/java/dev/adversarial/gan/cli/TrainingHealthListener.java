package dev.adversarial.gan.cli;

import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.core.data.ArrayDataset;
import dev.adversarial.gan.core.train.TrainingView;
import dev.adversarial.gan.core.train.IterationMetrics;
import dev.adversarial.gan.core.train.Sampler;
import dev.adversarial.gan.core.train.TrainingListener;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Watches every recipe's run for the three ways a GAN game goes wrong without a NaN, says so as
 * it happens, and reports each onset to {@code onWarning} (which records it in run.json):
 * <ul>
 *   <li><b>saturation</b>: D's loss below {@value #SATURATED_D_LOSS} for {@value #SATURATION_ITERATIONS}
 *   iterations in a row while G's loss did not fall: D wins outright and G gets no useful
 *   gradient (a toy-1d run once sat at D 0.0000, G 365 for 40 epochs and exited 0 silently);</li>
 *   <li><b>divergence</b>: a loss, though finite, beyond ±{@value #LOSS_LIMIT} (a sigmoid output
 *   within e^-50 of 0 or 1): the logits are running away;</li>
 *   <li><b>collapse</b>: at an epoch's end, {@value #PROBES} samples from fixed noise are less than
 *   {@value #COLLAPSE_SPREAD} as spread out (mean pairwise distance) as {@value #PROBES} training
 *   examples, the measure the image sample grids already used.</li>
 * </ul>
 * Each is announced when it begins and again only after it has cleared. With
 * {@code stopOnCollapse}, saturation or collapse ends the run at once by throwing
 * {@link HealthStop}; since this listener runs before the checkpoint listener, the checkpoint
 * of the epoch that collapsed is not written and checkpoints/latest stays the last good one.
 * Its noise and data picks come from its own Rng, so watching never changes training. A
 * conditional model's probes cycle through its classes (0, 1, …), so collapse within the classes
 * is measured over all of them, and the probe labels need no random draw either.
 */
final class TrainingHealthListener implements TrainingListener {
    static final double SATURATED_D_LOSS = 0.01;
    static final int SATURATION_ITERATIONS = 100;
    static final double LOSS_LIMIT = 50;
    static final double COLLAPSE_SPREAD = 0.25;
    static final int PROBES = 100;

    /** One warning's onset, as run.json records it. */
    record Warning(String kind, int epoch, long iteration, String message) {
        Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", kind);
            m.put("epoch", epoch);
            m.put("iteration", iteration);
            m.put("message", message);
            return m;
        }
    }

    /** Thrown to end a run on a health warning when stop-on-collapse is set. */
    static final class HealthStop extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int lastCheckpointEpoch;

        HealthStop(String message, int lastCheckpointEpoch) {
            super(message);
            this.lastCheckpointEpoch = lastCheckpointEpoch;
        }

        /** The epoch whose end the newest checkpoint holds (0: none was written). */
        int lastCheckpointEpoch() {
            return lastCheckpointEpoch;
        }
    }

    private final long seed;
    private final boolean stopOnCollapse;
    private final Consumer<Warning> onWarning;
    private float[] noise;
    /** The probes' labels for a conditional model; null otherwise. */
    private int[] probeLabels;
    private double dataSpread;
    private int saturatedRun;
    private double gLossAtSaturationStart;
    private boolean saturated;
    private boolean diverging;
    private boolean collapsed;

    TrainingHealthListener(long seed, boolean stopOnCollapse, Consumer<Warning> onWarning) {
        this.seed = seed;
        this.stopOnCollapse = stopOnCollapse;
        this.onWarning = onWarning;
    }

    @Override
    public void onStart(TrainingView t) {
        noise = Sampler.noise(t.model().prior(), new Rng(seed ^ 0x4EA17L), PROBES);
        if (t.model().isConditional()) {
            probeLabels = new int[PROBES];
            for (int i = 0; i < PROBES; i++) {
                probeLabels[i] = i % t.model().classes();
            }
        }
        ArrayDataset data = t.data();
        int n = Math.min(PROBES, data.size());
        float[] real = new float[n * data.exampleSize()];
        data.gather(new Rng(seed ^ 0xDA7AL).permutation(data.size()), 0, n, real);
        dataSpread = SampleGridListener.meanPairwiseDistance(real, n, data.exampleSize());
    }

    @Override
    public void onIteration(TrainingView t, IterationMetrics m) {
        if (m.discriminatorLoss() < SATURATED_D_LOSS) {
            if (saturatedRun++ == 0) {
                gLossAtSaturationStart = m.generatorLoss();
            }
            if (saturatedRun >= SATURATION_ITERATIONS && !saturated && m.generatorLoss() >= gLossAtSaturationStart) {
                saturated = true;
                warn("saturation", m.epoch(), m.iteration(), String.format(Locale.ROOT, "D's loss has stayed below %s for"
                        + " %d iterations while G's loss rose from %.4g to %.4g: D wins outright and G learns nothing"
                        + " from it. A lower D learning rate, a higher G learning rate or fewer D steps (k) usually"
                        + " helps", SATURATED_D_LOSS, saturatedRun, gLossAtSaturationStart, m.generatorLoss()), t.epoch());
            }
        } else {
            saturatedRun = 0;
            saturated = false;
        }
        boolean huge = Math.abs(m.discriminatorLoss()) > LOSS_LIMIT || Math.abs(m.generatorLoss()) > LOSS_LIMIT;
        if (huge && !diverging) {
            warn("divergence", m.epoch(), m.iteration(), String.format(Locale.ROOT, "the losses are running away"
                    + " (D %.4g, G %.4g, beyond ±%s): the logits are exploding and a NaN may follow; a lower learning"
                    + " rate usually helps", m.discriminatorLoss(), m.generatorLoss(), LOSS_LIMIT), -1);
        }
        diverging = huge;
    }

    @Override
    public void onEpochEnd(TrainingView t, int epoch) {
        if (!(dataSpread > 0)) {
            return; // identical training examples: no spread to compare with
        }
        float[] samples = Sampler.generate(t.model(), t.backend(), noise, probeLabels, PROBES, PROBES);
        double ratio = SampleGridListener.meanPairwiseDistance(samples, PROBES, t.model().dataSize()) / dataSpread;
        boolean now = ratio < COLLAPSE_SPREAD;
        if (now && !collapsed) {
            collapsed = true;
            warn("collapse", epoch, t.iteration(), String.format(Locale.ROOT, "the generator's samples are nearly alike"
                    + " (spread %.3f of the data's, below %s): it may be collapsing to a single mode", ratio,
                    COLLAPSE_SPREAD), epoch - 1);
        }
        collapsed = now;
    }

    /**
     * Reports a warning; {@code checkpointed} is the epoch of the newest checkpoint if this
     * warning stops the run under stop-on-collapse (the collapsed epoch's own is never written),
     * or -1 for a warning that never stops it.
     */
    private void warn(String kind, int epoch, long iteration, String message, int checkpointed) {
        Warning w = new Warning(kind, epoch, iteration, message);
        onWarning.accept(w);
        System.out.printf(Locale.ROOT, "%nWARNING (%s, epoch %d, iteration %d): %s.%n", kind, epoch, iteration, message);
        if (checkpointed >= 0 && stopOnCollapse) {
            throw new HealthStop("Training stopped at iteration " + iteration + " (epoch " + epoch + ") because of " + kind
                    + " (stop-on-collapse=true): " + message + ".", checkpointed);
        }
    }
}

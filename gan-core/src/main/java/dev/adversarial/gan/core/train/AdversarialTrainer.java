package dev.adversarial.gan.core.train;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.GradientTape;
import dev.adversarial.gan.api.Layer;
import dev.adversarial.gan.api.Parameter;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.api.Scope;
import dev.adversarial.gan.api.Tensor;
import dev.adversarial.gan.api.optim.Optimizer;
import dev.adversarial.gan.core.data.ArrayDataset;
import dev.adversarial.gan.core.loss.DiscriminatorPenalty;
import dev.adversarial.gan.core.nn.BatchNorm;
import java.util.ArrayList;
import java.util.List;

/**
 * Algorithm 1 of the paper: for each iteration, k discriminator steps (each on a fresh minibatch
 * of data and of noise), then one generator step on fresh noise. D stays in training mode (dropout
 * on) for both steps, as in the original code, and G's gradient flows through that dropped-out D.
 * G's step passes only G's parameters to the tape, so D's parameters and gradients are untouched.
 *
 * <p>An epoch is one pass over a fresh random permutation of the data, drawn from the run's
 * {@link Rng}; with k discriminator steps an iteration consumes k data minibatches. Every random
 * draw (permutation, noise, dropout masks) comes from that one Rng, so a seed fixes the run and a
 * checkpoint taken at an epoch's end resumes it exactly. When D normalizes batches, real and
 * generated batches go through it separately ({@link UpdateMode}).
 *
 * <p>A conditional model ({@link GanModel#isConditional()}) trains on labelled data: each real
 * minibatch reaches D with its own labels, and each generated one with labels drawn uniformly over
 * the classes from the run's Rng, the same labels going into G's input and D's rows for those
 * samples, in D's steps and in G's. Labels join the inputs through {@link Conditioning} after the
 * real batch's leaf, so penalties (R1, WGAN-GP) differentiate with respect to the sample columns
 * only. An unconditional model draws no labels, so its runs are what they were before labels
 * existed, draw for draw.
 */
public final class AdversarialTrainer implements TrainingState {
    private final GanModel model;
    private final Optimizer discriminatorOptimizer;
    private final Optimizer generatorOptimizer;
    private final ArrayDataset data;
    private final TrainingConfig config;
    private final Rng rng;
    private final Backend backend;
    private final List<TrainingListener> listeners = new ArrayList<>();
    private final List<Parameter> dParams;
    private final List<Parameter> gParams;
    private final float[] batchBuffer;
    /** The real minibatch's labels, refilled with it; null for an unconditional model. */
    private final int[] labelBuffer;
    /** D has batch statistics, so real and generated batches must not share a call. */
    private final boolean separateBatches;
    /** The moving average of G's state, when the configuration asks for one; else null. */
    private final GeneratorAverage generatorAverage;

    private long iteration;
    private int epoch;
    /** The current epoch's permutation of the data, drawn when it starts; null between epochs. */
    private int[] order;
    private int doneInEpoch;
    private double elapsedBefore;
    private long startNanos;

    public AdversarialTrainer(Backend backend, GanModel model, Optimizer discriminatorOptimizer,
                              Optimizer generatorOptimizer, ArrayDataset data, TrainingConfig config, Rng rng) {
        if (data.exampleSize() != model.dataSize()) {
            throw new IllegalArgumentException("The data's examples have " + data.exampleSize() + " values but the model's"
                    + " samples have " + model.dataSize());
        }
        int perIteration = config.batchSize() * (config.mode() == UpdateMode.SIMULTANEOUS ? 1 : config.discriminatorSteps());
        if (data.size() < perIteration) {
            throw new IllegalArgumentException("An iteration needs " + perIteration + " examples (batch " + config.batchSize()
                    + " x k " + config.discriminatorSteps() + ") but the data set has only " + data.size());
        }
        if (model.isConditional()) {
            checkLabels(data, model.classes());
        }
        this.backend = backend;
        this.model = model;
        this.discriminatorOptimizer = discriminatorOptimizer;
        this.generatorOptimizer = generatorOptimizer;
        this.data = data;
        this.config = config;
        this.rng = rng;
        this.dParams = model.discriminator().parameters();
        this.gParams = model.generator().parameters();
        this.batchBuffer = new float[config.batchSize() * data.exampleSize()];
        this.labelBuffer = model.isConditional() ? new int[config.batchSize()] : null;
        this.separateBatches = BatchNorm.isUsedIn(model.discriminator());
        this.generatorAverage = config.emaBeta() > 0 ? new GeneratorAverage(model.generator(), config.emaBeta()) : null;
    }

    public AdversarialTrainer addListener(TrainingListener l) {
        listeners.add(l);
        return this;
    }

    /**
     * Hands every iteration's metrics to {@code action} (a lambda will do) and returns the
     * listener it added, for {@link #removeListener}.
     */
    public TrainingListener onIteration(IterationListener action) {
        TrainingListener l = TrainingListener.onIteration(action);
        listeners.add(l);
        return l;
    }

    public AdversarialTrainer removeListener(TrainingListener l) {
        listeners.remove(l);
        return this;
    }

    /** Trains until {@code totalEpochs} epochs are complete (counting epochs already done before a resume). */
    public void train(int totalEpochs) {
        startNanos = System.nanoTime();
        listeners.forEach(l -> l.onStart(this));
        try {
            while (epoch < totalEpochs) {
                iterate();
            }
        } catch (RuntimeException e) {
            listeners.forEach(l -> l.onFailure(this, e));
            throw e;
        }
        listeners.forEach(l -> l.onFinish(this));
    }

    /**
     * Runs exactly {@code n} more iterations, crossing epoch ends as {@link #train} does (new
     * permutation, schedules, epoch-end listeners), without the start and finish events. For
     * benchmarks and tests that need a number of iterations rather than of epochs.
     */
    public void trainIterations(long n) {
        if (startNanos == 0) {
            startNanos = System.nanoTime();
        }
        for (long i = 0; i < n; i++) {
            iterate();
        }
    }

    /** One iteration of epoch {@code epoch + 1}; starts the epoch first and ends it after its last iteration. */
    private void iterate() {
        int e = epoch + 1;
        if (order == null) {
            discriminatorOptimizer.setEpoch(e);
            generatorOptimizer.setEpoch(e);
            order = rng.permutation(data.size());
            doneInEpoch = 0;
        }
        int k = config.mode() == UpdateMode.SIMULTANEOUS ? 1 : config.discriminatorSteps();
        int offset = doneInEpoch * k * config.batchSize();
        IterationMetrics m = config.mode() == UpdateMode.SIMULTANEOUS
                ? simultaneous(order, offset, e)
                : alternating(order, offset, k, e);
        iteration++;
        doneInEpoch++;
        listeners.forEach(l -> l.onIteration(this, m));
        if (doneInEpoch == iterationsPerEpoch()) {
            epoch = e;
            order = null;
            listeners.forEach(l -> l.onEpochEnd(this, e));
        }
    }

    private IterationMetrics alternating(int[] order, int offset, int k, int e) {
        int m = config.batchSize();
        Layer g = model.generator(), d = model.discriminator();
        try (Scope scope = Scope.open()) {
            double dLoss = 0, realScore = 0, fakeScore = 0;
            double lr = discriminatorOptimizer.currentLearningRate(), mom = discriminatorOptimizer.currentMomentum();
            for (int step = 0; step < k; step++) {
                Tensor x = batch(order, offset + step * m);
                int[] realLabels = realLabels(order, offset + step * m);
                Tensor z = model.prior().sample(backend, rng, m);
                int[] fakeLabels = drawLabels(m);
                Tensor fake = g.forward(Conditioning.withLabels(model, z, fakeLabels)); // no tape open: not recorded
                discriminatorOptimizer.zeroGrad();
                try (GradientTape tape = GradientTape.open()) {
                    Tensor fakeFlat = fake.reshape(m, -1);
                    Tensor[] logits = discriminate(x, realLabels, fakeFlat, fakeLabels);
                    Tensor real = logits[0], fk = logits[1];
                    Tensor loss = penalized(tape, config.loss().discriminator(real, fk), x, realLabels, real, fakeFlat);
                    dLoss = checkFinite("discriminator", loss.item(), e);
                    tape.backward(loss, dParams);
                    realScore = real.sigmoid().mean().item();
                    fakeScore = fk.sigmoid().mean().item();
                }
                discriminatorOptimizer.step();
            }
            generatorOptimizer.zeroGrad();
            double gLoss;
            try (GradientTape tape = GradientTape.open()) {
                Tensor z = model.prior().sample(backend, rng, m);
                int[] labels = drawLabels(m);
                Tensor fake = g.forward(Conditioning.withLabels(model, z, labels)).reshape(m, -1);
                Tensor logits = d.forward(Conditioning.withLabels(model, fake, labels));
                Tensor loss = config.loss().generator(logits);
                gLoss = checkFinite("generator", loss.item(), e);
                tape.backward(loss, gParams);
            }
            generatorOptimizer.step();
            updateAverage();
            return new IterationMetrics(iteration + 1, e, dLoss, gLoss, realScore, fakeScore, lr, mom, elapsedSeconds());
        }
    }

    private IterationMetrics simultaneous(int[] order, int offset, int e) {
        int m = config.batchSize();
        double lr = discriminatorOptimizer.currentLearningRate(), mom = discriminatorOptimizer.currentMomentum();
        try (Scope scope = Scope.open()) {
            Tensor x = batch(order, offset);
            int[] realLabels = realLabels(order, offset);
            double dLoss, gLoss, realScore, fakeScore;
            discriminatorOptimizer.zeroGrad();
            generatorOptimizer.zeroGrad();
            try (GradientTape tape = GradientTape.open()) {
                Tensor z = model.prior().sample(backend, rng, m);
                int[] fakeLabels = drawLabels(m);
                Tensor fake = model.generator().forward(Conditioning.withLabels(model, z, fakeLabels)).reshape(m, -1);
                Tensor[] logits = discriminate(x, realLabels, fake, fakeLabels);
                Tensor real = logits[0], fk = logits[1];
                Tensor dl = penalized(tape, config.loss().discriminator(real, fk), x, realLabels, real, fake.detach());
                Tensor gl = config.loss().generator(fk);
                dLoss = checkFinite("discriminator", dl.item(), e);
                gLoss = checkFinite("generator", gl.item(), e);
                tape.backward(dl, dParams);
                tape.backward(gl, gParams);
                realScore = real.sigmoid().mean().item();
                fakeScore = fk.sigmoid().mean().item();
            }
            discriminatorOptimizer.step();
            generatorOptimizer.step();
            updateAverage();
            return new IterationMetrics(iteration + 1, e, dLoss, gLoss, realScore, fakeScore, lr, mom, elapsedSeconds());
        }
    }

    /**
     * D's logits for a real and a generated batch (flat samples, with their labels when the model
     * is conditional): one call on their concatenation (one larger product instead of two), or one
     * call each when D has batch statistics.
     */
    private Tensor[] discriminate(Tensor realSamples, int[] realLabels, Tensor fakeSamples, int[] fakeLabels) {
        Layer d = model.discriminator();
        Tensor real = Conditioning.withLabels(model, realSamples, realLabels);
        Tensor fake = Conditioning.withLabels(model, fakeSamples, fakeLabels);
        if (separateBatches) {
            return new Tensor[] {d.forward(real), d.forward(fake)};
        }
        int m = real.shape().dim(0);
        Tensor logits = d.forward(Tensor.concat(List.of(real, fake), 0));
        return new Tensor[] {logits.slice(0, 0, m), logits.slice(0, m, 2 * m)};
    }

    private Tensor batch(int[] order, int offset) {
        data.gather(order, offset, config.batchSize(), batchBuffer);
        Tensor x = backend.tensor(batchBuffer, config.batchSize(), data.exampleSize());
        // R1 differentiates D with respect to the data: the batch is then a leaf of the tape.
        return config.penalties().stream().anyMatch(DiscriminatorPenalty::needsRealGradient) ? x.requiresGrad(true) : x;
    }

    /** The labels of the real minibatch at {@code offset}; null for an unconditional model. */
    private int[] realLabels(int[] order, int offset) {
        if (labelBuffer == null) {
            return null;
        }
        data.gatherLabels(order, offset, config.batchSize(), labelBuffer);
        return labelBuffer.clone(); // the buffer is refilled by the next of k steps
    }

    /** Labels for m generated samples, uniform over the classes; null (and no draw) for an unconditional model. */
    private int[] drawLabels(int m) {
        if (!model.isConditional()) {
            return null;
        }
        int[] y = new int[m];
        for (int i = 0; i < m; i++) {
            y[i] = rng.nextInt(model.classes());
        }
        return y;
    }

    /**
     * D's loss plus the configured penalties, each recorded on {@code tape} so D's step
     * differentiates it. A penalty sees flat samples without label columns; for a conditional model
     * the D it gets appends the real batch's labels to whatever it is given (WGAN-GP's interpolates
     * are judged as examples of the real rows' classes).
     */
    private Tensor penalized(GradientTape tape, Tensor loss, Tensor real, int[] realLabels, Tensor realLogits,
                             Tensor fake) {
        Tensor total = loss;
        Layer d = model.isConditional() ? new LabelledDiscriminator(realLabels) : model.discriminator();
        for (DiscriminatorPenalty p : config.penalties()) {
            total = total.add(p.compute(tape, d, real, realLogits, fake, rng));
        }
        return total;
    }

    /** D with fixed labels appended to its input; owns nothing, so closing it frees nothing. */
    private final class LabelledDiscriminator extends Layer {
        private final int[] labels;

        LabelledDiscriminator(int[] labels) {
            this.labels = labels;
        }

        @Override
        public Tensor forward(Tensor samples) {
            return model.discriminator().forward(Conditioning.withLabels(model, samples.reshape(labels.length, -1), labels));
        }
    }

    /** A conditional model needs a label in [0, classes) for every example; refused up front, with what to do. */
    private static void checkLabels(ArrayDataset data, int classes) {
        if (!data.hasLabels()) {
            throw new IllegalArgumentException("The model is conditional (" + classes + " classes) but data set '"
                    + data.name() + "' has no labels: give the data labels (one subfolder per class, or a labels .npy)"
                    + " or train without conditioning");
        }
        int[] labels = data.labels();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("Example " + i + " of data set '" + data.name() + "' has label "
                        + labels[i] + ", but the conditional model has classes 0 to " + (classes - 1)
                        + ": set the model's class count to cover every label");
            }
        }
    }

    private void updateAverage() {
        if (generatorAverage != null) {
            generatorAverage.update();
        }
    }

    private double checkFinite(String player, double loss, int e) {
        if (!Double.isFinite(loss)) {
            throw new TrainingDivergedException("The " + player + " loss became " + loss + " at iteration "
                    + (iteration + 1) + " (epoch " + e + "); training stopped before applying that update. "
                    + (epoch == 0 ? "It was still in its first epoch, so no checkpoint had been written."
                            : "The last checkpoint written is from the end of epoch " + epoch + ".")
                    + " A lower learning rate or a different seed usually helps.", iteration + 1, e);
        }
        return loss;
    }

    // ---- state, for listeners (TrainingView) and checkpoints (TrainingState) ------------------

    @Override
    public double learningRate() {
        return discriminatorOptimizer.currentLearningRate();
    }

    @Override
    public double momentum() {
        return discriminatorOptimizer.currentMomentum();
    }

    public GanModel model() {
        return model;
    }

    public Optimizer discriminatorOptimizer() {
        return discriminatorOptimizer;
    }

    public Optimizer generatorOptimizer() {
        return generatorOptimizer;
    }

    public TrainingConfig config() {
        return config;
    }

    /** The moving average of G's state, or null when the configuration keeps none. */
    public GeneratorAverage generatorAverage() {
        return generatorAverage;
    }

    public Rng rng() {
        return rng;
    }

    public Backend backend() {
        return backend;
    }

    public ArrayDataset data() {
        return data;
    }

    /** Iterations completed (generator steps taken). */
    public long iteration() {
        return iteration;
    }

    /** Epochs completed. */
    public int epoch() {
        return epoch;
    }

    /** Seconds spent training, including time before a resume. */
    public double elapsedSeconds() {
        return elapsedBefore + (startNanos == 0 ? 0 : (System.nanoTime() - startNanos) / 1e9);
    }

    /** Restores the position of a run resumed from a checkpoint taken at an epoch's end. */
    void restorePosition(long iteration, int epoch, double elapsedSeconds) {
        this.iteration = iteration;
        this.epoch = epoch;
        this.order = null;
        this.elapsedBefore = elapsedSeconds;
    }

    /** Iterations in one epoch. */
    public int iterationsPerEpoch() {
        int k = config.mode() == UpdateMode.SIMULTANEOUS ? 1 : config.discriminatorSteps();
        return data.size() / config.batchSize() / k;
    }
}

package dev.adversarial.gan.api.optim;

import dev.adversarial.gan.api.Parameter;
import dev.adversarial.gan.api.Tensor;
import dev.adversarial.gan.api.optim.OptimizerState.BufferKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Updates a fixed list of parameters from their accumulated gradients. {@link #step()} applies
 * one update and advances the step counter that schedules read; {@link #zeroGrad()} forgets the
 * gradients. Parameters without a gradient are left untouched by a step.
 */
public abstract class Optimizer implements AutoCloseable {
    protected final List<Parameter> params;
    private final List<String> bufferNames;
    private final Map<BufferKey, Tensor> buffers = new LinkedHashMap<>();
    private long steps;
    private int epoch = 1;

    /** An optimizer that keeps no per-parameter buffers. */
    protected Optimizer(List<Parameter> params) {
        this(params, new String[0]);
    }

    /**
     * @param bufferNames the per-parameter buffers this optimizer keeps ("velocity"; "m", "v"), declared up
     *                    front so that a saved state can be matched to them without parsing names
     */
    protected Optimizer(List<Parameter> params, String... bufferNames) {
        if (params.isEmpty()) {
            throw new IllegalArgumentException("An optimizer needs at least one parameter");
        }
        this.params = List.copyOf(params);
        this.bufferNames = List.of(bufferNames);
    }

    /** The per-parameter buffers this optimizer may keep, as declared by its constructor. */
    public final List<String> bufferNames() {
        return bufferNames;
    }

    /** How many parameters this optimizer updates; buffer keys index them from 0. */
    public final int parameterCount() {
        return params.size();
    }

    /** One update of every parameter that has a gradient. */
    public final void step() {
        for (int i = 0; i < params.size(); i++) {
            Parameter p = params.get(i);
            if (p.grad() != null) {
                update(i, p, p.grad());
            }
        }
        steps++;
    }

    protected abstract void update(int index, Parameter p, Tensor grad);

    /** The learning rate the next step will use. */
    public abstract double currentLearningRate();

    /** The momentum the next step will use, or NaN for optimizers without one. */
    public double currentMomentum() {
        return Double.NaN;
    }

    public final void zeroGrad() {
        params.forEach(Parameter::zeroGrad);
    }

    /** Number of steps taken so far. */
    public final long steps() {
        return steps;
    }

    public final int epoch() {
        return epoch;
    }

    /** Tells epoch-based schedules which epoch (from 1) is running. */
    public final void setEpoch(int epoch) {
        this.epoch = epoch;
    }

    /** A per-parameter buffer, created as zeros on first use and kept across steps. */
    protected final Tensor buffer(String name, int index) {
        if (!bufferNames.contains(name)) {
            throw new IllegalStateException(getClass().getSimpleName() + " uses buffer '" + name + "' but its"
                    + " constructor declares only " + bufferNames + "; pass every buffer name to super(params, ...)");
        }
        return buffers.computeIfAbsent(new BufferKey(name, index),
                k -> params.get(index).value().backend().zeros(params.get(index).shape()).keep());
    }

    public final OptimizerState state() {
        return new OptimizerState(steps, epoch, new LinkedHashMap<>(buffers));
    }

    /** Restores a state saved from an optimizer over parameters of the same shapes. */
    public final void loadState(OptimizerState state) {
        List<String> problems = new ArrayList<>();
        state.buffers().forEach((key, t) -> {
            if (!bufferNames.contains(key.buffer())) {
                problems.add("buffer '" + key.name() + "' is not one of this optimizer's " + bufferNames);
            } else if (key.parameter() >= params.size()) {
                problems.add("buffer '" + key.name() + "' refers to parameter " + key.parameter() + " of " + params.size());
            } else if (!t.shape().equals(params.get(key.parameter()).shape())) {
                problems.add("buffer '" + key.name() + "' has shape " + t.shape() + " but parameter " + key.parameter()
                        + " has " + params.get(key.parameter()).shape());
            }
        });
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Optimizer state does not fit " + getClass().getSimpleName()
                    + ": " + String.join("; ", problems));
        }
        state.buffers().forEach((key, t) -> buffer(key.buffer(), key.parameter()).assign(t));
        steps = state.steps();
        epoch = state.epoch();
    }

    /** Current value of a schedule at this optimizer's position. */
    protected final float at(Schedule s) {
        return (float) s.value(steps, epoch);
    }

    @Override
    public void close() {
        buffers.values().forEach(Tensor::close);
        buffers.clear();
    }
}

package dev.adversarial.gan.api.optim;

import dev.adversarial.gan.api.Parameter;
import dev.adversarial.gan.api.Tensor;
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
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private long steps;
    private int epoch = 1;

    protected Optimizer(List<Parameter> params) {
        if (params.isEmpty()) {
            throw new IllegalArgumentException("An optimizer needs at least one parameter");
        }
        this.params = List.copyOf(params);
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
        return buffers.computeIfAbsent(name + "." + index,
                k -> params.get(index).value().backend().zeros(params.get(index).shape()).keep());
    }

    public final OptimizerState state() {
        return new OptimizerState(steps, epoch, new LinkedHashMap<>(buffers));
    }

    /** Restores a state saved from an optimizer over parameters of the same shapes. */
    public final void loadState(OptimizerState state) {
        List<String> problems = new ArrayList<>();
        state.buffers().forEach((name, t) -> {
            int dot = name.lastIndexOf('.');
            int index = -1;
            try {
                index = Integer.parseInt(name.substring(dot + 1));
            } catch (NumberFormatException | IndexOutOfBoundsException e) {
                problems.add("buffer name '" + name + "' does not end in a parameter index");
                return;
            }
            if (index < 0 || index >= params.size()) {
                problems.add("buffer '" + name + "' refers to parameter " + index + " of " + params.size());
            } else if (!t.shape().equals(params.get(index).shape())) {
                problems.add("buffer '" + name + "' has shape " + t.shape() + " but parameter " + index
                        + " has " + params.get(index).shape());
            }
        });
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Optimizer state does not fit " + getClass().getSimpleName()
                    + ": " + String.join("; ", problems));
        }
        state.buffers().forEach((name, t) -> {
            int index = Integer.parseInt(name.substring(name.lastIndexOf('.') + 1));
            buffer(name.substring(0, name.lastIndexOf('.')), index).assign(t);
        });
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

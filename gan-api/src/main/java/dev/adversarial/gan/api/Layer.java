package dev.adversarial.gan.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A network component, PyTorch's {@code nn.Module}: it owns parameters and child layers,
 * registered under names, and computes {@link #forward}. Names nest with dots
 * ("layers.0.weight"), which is how state dictionaries and checkpoints address parameters.
 * It is called Layer, not Module, so that a wildcard import of this package does not clash with
 * {@code java.lang.Module} (nor with Guice's {@code Module} in the CLI's wiring).
 *
 * <p>Buffers are state that is not trained, as in PyTorch (batch norm's running statistics):
 * they are in {@link #stateDict()} and so in checkpoints, but never in {@link #parameters()},
 * so no optimizer sees them. A module updates its buffers in place.
 */
public abstract class Layer implements AutoCloseable {
    private final Map<String, Parameter> params = new LinkedHashMap<>();
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private final Map<String, Layer> children = new LinkedHashMap<>();
    private boolean training = true;

    public abstract Tensor forward(Tensor input);

    protected final Parameter registerParameter(String name, Parameter p) {
        checkName(name);
        params.put(name, p);
        return p;
    }

    /** Registers non-trainable state; takes ownership of {@code value}, which outlives any Scope. */
    protected final Tensor registerBuffer(String name, Tensor value) {
        checkName(name);
        if (value.requiresGrad()) {
            throw new IllegalArgumentException("Buffer '" + name + "' must not require a gradient; register trainable"
                    + " state with registerParameter");
        }
        buffers.put(name, value.keep());
        return value;
    }

    protected final <M extends Layer> M registerLayer(String name, M m) {
        checkName(name);
        children.put(name, m);
        return m;
    }

    private void checkName(String name) {
        if (name.isEmpty() || name.contains(".")) {
            throw new IllegalArgumentException("Layer member names must be non-empty and contain no '.', got '" + name + "'");
        }
        if (params.containsKey(name) || buffers.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException("'" + name + "' is already registered in " + getClass().getSimpleName());
        }
    }

    /** Direct children, in registration order. */
    public final Map<String, Layer> children() {
        return Collections.unmodifiableMap(children);
    }

    /** This module's own parameters (not its children's), in registration order. */
    public final Map<String, Parameter> ownParameters() {
        return Collections.unmodifiableMap(params);
    }

    /** All parameters, depth first, with dotted names. */
    public final Map<String, Parameter> namedParameters() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        collect("", out);
        return out;
    }

    private void collect(String prefix, Map<String, Parameter> out) {
        params.forEach((n, p) -> out.put(prefix + n, p));
        children.forEach((n, m) -> m.collect(prefix + n + ".", out));
    }

    /** All buffers, depth first, with dotted names (the live tensors, not copies). */
    public final Map<String, Tensor> namedBuffers() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collectBuffers("", out);
        return out;
    }

    private void collectBuffers(String prefix, Map<String, Tensor> out) {
        buffers.forEach((n, b) -> out.put(prefix + n, b));
        children.forEach((n, m) -> m.collectBuffers(prefix + n + ".", out));
    }

    public final List<Tensor> buffers() {
        return new ArrayList<>(namedBuffers().values());
    }

    public final List<Parameter> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /** Number of trainable scalars. */
    public final long parameterCount() {
        long n = 0;
        for (Parameter p : parameters()) {
            n += p.shape().size();
        }
        return n;
    }

    /** Training mode (dropout active); the default. Applies to all children. */
    public Layer train() {
        setTraining(true);
        return this;
    }

    /** Evaluation mode (dropout off). Applies to all children. */
    public Layer eval() {
        setTraining(false);
        return this;
    }

    private void setTraining(boolean on) {
        training = on;
        children.values().forEach(c -> c.setTraining(on));
    }

    public final boolean isTraining() {
        return training;
    }

    /** The live parameter values and buffers by dotted name (not copies): parameters first. */
    public final Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        namedParameters().forEach((n, p) -> out.put(n, p.value()));
        out.putAll(namedBuffers());
        return out;
    }

    /**
     * Copies values into the parameters and buffers. Every one must be present with its exact shape,
     * and no unknown name may appear; otherwise nothing is changed and the error lists the problems.
     */
    public final void loadStateDict(Map<String, Tensor> state) {
        Map<String, Tensor> mine = stateDict();
        List<String> problems = new ArrayList<>();
        TreeSet<String> missing = new TreeSet<>(mine.keySet());
        missing.removeAll(state.keySet());
        TreeSet<String> unexpected = new TreeSet<>(state.keySet());
        unexpected.removeAll(mine.keySet());
        if (!missing.isEmpty()) {
            problems.add("missing " + missing);
        }
        if (!unexpected.isEmpty()) {
            problems.add("unexpected " + unexpected);
        }
        mine.forEach((n, v) -> {
            Tensor t = state.get(n);
            if (t != null && !t.shape().equals(v.shape())) {
                problems.add(n + " has shape " + t.shape() + " but the model expects " + v.shape());
            }
        });
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("State does not fit " + getClass().getSimpleName() + ": "
                    + String.join("; ", problems));
        }
        mine.forEach((n, v) -> v.assign(v.backend() == state.get(n).backend()
                ? state.get(n) : v.backend().copyOf(state.get(n))));
    }

    /** Frees every parameter and buffer. */
    @Override
    public void close() {
        parameters().forEach(Parameter::close);
        buffers().forEach(Tensor::close);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(getClass().getSimpleName());
        if (!children.isEmpty()) {
            sb.append('(');
            children.forEach((n, m) -> sb.append("\n  ").append(n).append(": ")
                    .append(m.toString().replace("\n", "\n  ")));
            sb.append("\n)");
        }
        return sb.toString();
    }
}

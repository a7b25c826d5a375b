package dev.adversarial.gan.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Records operations on tensors that require a gradient, for as long as it is open on this
 * thread, and differentiates a scalar loss through them.
 *
 * <p>When gradients are zeroed: never by the tape. {@link #backward(Tensor, Collection)}
 * <em>adds</em> into {@link Parameter#grad()} of the parameters it is given, and only those; the
 * caller zeroes them (usually through {@code Optimizer.zeroGrad()}) before the next step. A GAN's
 * generator step passes only the generator's parameters, so the discriminator's gradients are
 * neither computed nor touched even though the loss flows through the discriminator.
 *
 * <p>The recorded tensors are freed by the {@link Scope} they were made in; open the tape inside
 * that scope, and close it first.
 */
public final class GradientTape implements AutoCloseable {
    private static final ThreadLocal<GradientTape> CURRENT = new ThreadLocal<>();

    private final GradientTape previous;
    private final List<Autograd.Node> nodes = new ArrayList<>();
    private int paused;
    private boolean closed;

    private GradientTape(GradientTape previous) {
        this.previous = previous;
    }

    /** Opens a tape that records on this thread until closed. */
    public static GradientTape open() {
        GradientTape tape = new GradientTape(CURRENT.get());
        CURRENT.set(tape);
        return tape;
    }

    /** The innermost open tape, if it is recording now. */
    static GradientTape recording() {
        GradientTape t = CURRENT.get();
        return t != null && t.paused == 0 ? t : null;
    }

    /** Pauses recording on this thread until the returned handle is closed. */
    public static Pause noGrad() {
        GradientTape t = CURRENT.get();
        if (t != null) {
            t.paused++;
        }
        return new Pause(t);
    }

    /** The handle {@link #noGrad()} returns. */
    public static final class Pause implements AutoCloseable {
        private GradientTape tape;

        private Pause(GradientTape tape) {
            this.tape = tape;
        }

        @Override
        public void close() {
            if (tape != null) {
                tape.paused--;
                tape = null;
            }
        }
    }

    void add(Autograd.Node node) {
        nodes.add(node);
    }

    /** Accumulates d(loss)/d(p) into every parameter that the recorded graph reaches. */
    public void backward(Tensor loss) {
        Set<Parameter> all = new LinkedHashSet<>();
        for (Autograd.Node n : nodes) {
            for (Tensor in : n.inputs()) {
                if (in.parameter != null) {
                    all.add(in.parameter);
                }
            }
        }
        backward(loss, all);
    }

    /** Accumulates d(loss)/d(p) into {@code p.grad()} for each given parameter, and no other. */
    public void backward(Tensor loss, Collection<Parameter> params) {
        List<Tensor> values = new ArrayList<>(params.size());
        for (Parameter p : params) {
            values.add(p.value());
        }
        List<Tensor> grads = gradients(loss, values, false);
        int i = 0;
        for (Parameter p : params) {
            Tensor g = grads.get(i++);
            if (g != null) {
                p.accumulateGrad(g);
            }
        }
    }

    /**
     * d(loss)/d(t) for each t in {@code wrt}, or null where the loss does not depend on t.
     * With {@code createGraph}, the backward computation is recorded on this tape too, so the
     * results can be differentiated again.
     */
    public List<Tensor> gradients(Tensor loss, List<Tensor> wrt, boolean createGraph) {
        if (closed) {
            throw new IllegalStateException("This GradientTape is closed; differentiate before closing it");
        }
        if (loss.size() != 1) {
            throw new IllegalArgumentException("backward needs a scalar loss, got shape " + loss.shape()
                    + "; reduce it with sum() or mean() first");
        }
        Set<Tensor> reaches = Collections.newSetFromMap(new IdentityHashMap<>());
        reaches.addAll(wrt);
        int n = nodes.size();
        boolean[] relevant = new boolean[n];
        for (int i = 0; i < n; i++) {
            for (Tensor in : nodes.get(i).inputs()) {
                if (reaches.contains(in)) {
                    relevant[i] = true;
                    reaches.add(nodes.get(i).output());
                    break;
                }
            }
        }
        Map<Tensor, Tensor> grads = new IdentityHashMap<>();
        try (Pause pause = createGraph ? new Pause(null) : noGrad()) {
            grads.put(loss, loss.backend().ones(loss.shape()));
            for (int i = n - 1; i >= 0; i--) {
                Autograd.Node node = nodes.get(i);
                Tensor g = relevant[i] ? grads.get(node.output()) : null;
                if (g == null) {
                    continue;
                }
                Tensor[] inputs = node.inputs();
                boolean[] needed = new boolean[inputs.length];
                for (int j = 0; j < inputs.length; j++) {
                    needed[j] = reaches.contains(inputs[j]);
                }
                Tensor[] in = node.rule().apply(g, needed);
                for (int j = 0; j < inputs.length; j++) {
                    if (needed[j] && in[j] != null) {
                        grads.merge(inputs[j], in[j], Tensor::add);
                    }
                }
            }
        }
        List<Tensor> out = new ArrayList<>(wrt.size());
        for (Tensor t : wrt) {
            out.add(grads.get(t));
        }
        return out;
    }

    /** Stops recording; the tape can no longer differentiate. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (CURRENT.get() != this) {
            throw new IllegalStateException("GradientTapes must be closed in the reverse order of opening");
        }
        closed = true;
        nodes.clear();
        CURRENT.set(previous);
    }
}

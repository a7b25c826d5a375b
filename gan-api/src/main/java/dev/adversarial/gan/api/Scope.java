package dev.adversarial.gan.api;

import java.util.ArrayList;
import java.util.List;

/**
 * Frees, when closed, every tensor created on this thread while it was the innermost open scope,
 * except those on which {@link Tensor#keep()} was called. Native backends need this (their
 * memory is not collected by the JVM); the CPU backend uses it to recycle buffers. Tensors made
 * outside any scope are never freed automatically. Scopes nest and must close in reverse order.
 *
 * <pre>{@code
 * try (Scope scope = Scope.open(); GradientTape tape = GradientTape.open()) {
 *     Tensor loss = model.forward(x).mean();
 *     tape.backward(loss, model.parameters());
 *     optimizer.step();
 * } // every intermediate is freed here; parameters and their gradients live on
 * }</pre>
 */
public final class Scope implements AutoCloseable {
    private static final ThreadLocal<Scope> CURRENT = new ThreadLocal<>();

    private final Scope parent;
    private final List<Tensor> owned = new ArrayList<>();
    private boolean closed;

    private Scope(Scope parent) {
        this.parent = parent;
    }

    public static Scope open() {
        Scope s = new Scope(CURRENT.get());
        CURRENT.set(s);
        return s;
    }

    static void adopt(Tensor t) {
        Scope s = CURRENT.get();
        if (s != null) {
            t.owner = s;
            s.owned.add(t);
        }
    }

    /** Number of tensors this scope will free; for tests of memory behaviour. */
    public int liveCount() {
        int n = 0;
        for (Tensor t : owned) {
            if (t.owner == this && !t.isClosed()) {
                n++;
            }
        }
        return n;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (CURRENT.get() != this) {
            throw new IllegalStateException("Scopes must be closed in the reverse order of opening");
        }
        closed = true;
        for (Tensor t : owned) {
            if (t.owner == this) {
                t.close();
            }
        }
        owned.clear();
        CURRENT.set(parent);
    }
}

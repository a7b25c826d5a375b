package dev.adversarial.gan.api.contract;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Kernels;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.api.Scope;
import dev.adversarial.gan.api.Tensor;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which op constants the contract's cases reach, against which they must. "Must" is read off
 * the SPI itself: every constant of every enum that a {@link Kernels} method takes (UnaryOp,
 * BinaryOp, ReduceOp today, and any op enum added later), once per such method, since a backend
 * dispatches {@code binary} and {@code binaryScalar} separately. "Reach" is observed, not
 * declared: each case's forward pass runs on {@link RecordingKernels}. So adding a constant
 * without a case that uses it fails the suite on every backend, and a case cannot claim an op
 * it does not exercise.
 */
final class OpCoverage {
    private OpCoverage() {
    }

    /** Every case the suite checks values and gradients of, in one list. */
    static List<OpCase> catalogue() {
        List<OpCase> all = new ArrayList<>();
        all.addAll(OpCases.elementwise());
        all.addAll(OpCases.broadcasting());
        all.addAll(OpCases.reductions());
        all.addAll(OpCases.matmuls());
        all.addAll(OpCases.shapeOps());
        all.addAll(OpCases.compositions());
        all.addAll(ConvCases.conv2d());
        all.addAll(ConvCases.convTranspose2d());
        return all;
    }

    /** "method(CONSTANT)" for each Kernels method with an enum parameter and each constant of it. */
    static Set<String> required() {
        Set<String> out = new TreeSet<>();
        for (Method m : Kernels.class.getMethods()) {
            for (Class<?> p : m.getParameterTypes()) {
                if (p.isEnum()) {
                    for (Object constant : p.getEnumConstants()) {
                        out.add(RecordingKernels.entry(m.getName(), (Enum<?>) constant));
                    }
                }
            }
        }
        return out;
    }

    /** The entries that the forward passes of {@code cases} dispatch on {@code backend}'s kernels. */
    static Set<String> reached(Backend backend, List<OpCase> cases) {
        RecordingKernels recording = new RecordingKernels(backend.kernels());
        Backend observed = new Backend(backend.name(), recording);
        for (OpCase c : cases) {
            Rng rng = new Rng(c.toString().hashCode());
            try (Scope scope = Scope.open()) {
                Tensor[] inputs = new Tensor[c.shapes().length];
                for (int i = 0; i < inputs.length; i++) {
                    double[] x = GradCheck.draw(rng, Ref.count(c.shapes()[i]), c.domains()[i]);
                    inputs[i] = observed.tensor(GradCheck.toFloat(x), c.shapes()[i]);
                }
                c.op().apply(inputs);
            }
        }
        return recording.dispatched();
    }

    /** Required entries that {@code reached} lacks, in order; empty when every constant has a case. */
    static Set<String> missing(Set<String> reached) {
        Set<String> out = required();
        out.removeAll(reached);
        return out;
    }
}

package dev.adversarial.gan.djl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Backends;
import dev.adversarial.gan.api.BinaryOp;
import dev.adversarial.gan.api.Conv2dSpec;
import dev.adversarial.gan.api.GradientTape;
import dev.adversarial.gan.api.Kernels;
import dev.adversarial.gan.api.ReduceOp;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.api.Scope;
import dev.adversarial.gan.api.Shape;
import dev.adversarial.gan.api.Storage;
import dev.adversarial.gan.api.Tensor;
import dev.adversarial.gan.api.UnaryOp;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Native memory is not collected by the JVM, so every NDArray a kernel makes must be closed by
 * the kernel or handed back inside the Storage it returns. Counted on the backend's own base
 * manager, which sees its sub-managers' arrays too.
 */
class DjlLeakTest {
    private final Backend backend = Backends.get("djl");
    private final DjlKernels k = (DjlKernels) backend.kernels();

    /** Runs one kernel and checks it left exactly the one array its Storage holds. */
    private void leavesOneArray(String what, Supplier<Storage> kernel) {
        int before = k.liveArrays();
        Storage out = kernel.get();
        assertThat(k.liveArrays()).as("live arrays after %s", what).isEqualTo(before + 1);
        out.release();
        assertThat(k.liveArrays()).as("live arrays after releasing the result of %s", what).isEqualTo(before);
    }

    @Test
    void everyKernelLeavesOnlyItsResult() {
        Kernels kk = k;
        Shape s34 = Shape.of(3, 4), s4 = Shape.of(4), s31 = Shape.of(3, 1), s43 = Shape.of(4, 3);
        Storage a = kk.upload(new float[] {1, -2, 3, 4, 5, -6, 7, 8, 0, 1, 2, 3}, s34);
        Storage b = kk.upload(new float[] {0.5f, 2, -1, 3}, s4);
        Storage c = kk.upload(new float[] {1, 2, 3}, s31);
        Storage d = kk.upload(new float[12], s43);
        int start = k.liveArrays();

        leavesOneArray("upload", () -> kk.upload(new float[] {1, 2}, Shape.of(2)));
        leavesOneArray("full", () -> kk.full(s34, 3f));
        leavesOneArray("full of an empty shape", () -> kk.full(Shape.of(0, 3), 1f));
        for (UnaryOp op : UnaryOp.values()) {
            leavesOneArray(op.name(), () -> kk.unary(op, a, s34));
        }
        for (BinaryOp op : BinaryOp.values()) {
            leavesOneArray(op + " broadcast", () -> kk.binary(op, a, s34, b, s4, s34));
            leavesOneArray(op + " outer", () -> kk.binary(op, c, s31, b, s4, s34));
            leavesOneArray(op + " scalar", () -> kk.binaryScalar(op, a, s34, 0.5f));
        }
        for (ReduceOp op : ReduceOp.values()) {
            for (int axis = 0; axis < 2; axis++) {
                int ax = axis;
                leavesOneArray(op + " along " + axis, () -> kk.reduce(op, a, s34, ax));
            }
        }
        leavesOneArray("matmul", () -> kk.matmul(a, s34, false, d, s43, false));
        leavesOneArray("matmul Aᵀ", () -> kk.matmul(d, s43, true, d, s43, false));
        leavesOneArray("matmul Bᵀ", () -> kk.matmul(a, s34, false, a, s34, true));
        leavesOneArray("matmul AᵀBᵀ", () -> kk.matmul(d, s43, true, a, s34, true));
        leavesOneArray("reshape", () -> kk.reshape(a, s34, Shape.of(2, 6)));
        leavesOneArray("permute", () -> kk.permute(a, s34, new int[] {1, 0}));
        leavesOneArray("slice", () -> kk.slice(a, s34, 1, 1, 3));
        leavesOneArray("concat", () -> kk.concat(List.of(a, a), List.of(s34, s34), 0));
        leavesOneArray("concat of one", () -> kk.concat(List.of(a), List.of(s34), 1));
        leavesOneArray("broadcast", () -> kk.broadcast(c, s31, Shape.of(2, 3, 4)));
        // The composed defaults of the fused kernels release their temporaries.
        Storage rowMax = kk.reduce(ReduceOp.MAX, a, s34, 1);
        leavesOneArray("maxGradient", () -> kk.maxGradient(a, s34, rowMax, c, 1));
        rowMax.release();
        leavesOneArray("reluGradient", () -> kk.reluGradient(a, s34, a));
        leavesOneArray("leakyRelu", () -> kk.leakyRelu(a, s34, 0.2f));
        leavesOneArray("leakyReluGradient", () -> kk.leakyReluGradient(a, s34, a, 0.2f));

        // Download and the in-place updates must leave nothing at all.
        Storage strided = kk.permute(a, s34, new int[] {1, 0});
        int before = k.liveArrays();
        kk.download(a, s34);
        kk.download(strided, s43);
        kk.axpy(d, 0.5f, strided, s43);
        kk.scale(d, 2f, s43);
        kk.copy(d, strided, s43);
        kk.momentumStep(d, strided, strided, 0.5f, 0.1f, s43);
        assertThat(k.liveArrays()).isEqualTo(before);
        Storage moment = kk.full(s43, 0.5f), second = kk.full(s43, 0.25f);
        before = k.liveArrays();
        kk.adamStep(d, moment, second, strided, 0.5f, 0.999f, 0.001f, 1e-8f, -1e-3f, s43);
        assertThat(k.liveArrays()).as("after adamStep").isEqualTo(before);
        moment.release();
        second.release();
        strided.release();

        assertThat(k.liveArrays()).isEqualTo(start);
        for (Storage x : List.of(a, b, c, d)) {
            x.release();
        }
    }

    @Test
    void convolutionKernelsLeaveOnlyTheirResult() {
        Kernels kk = k;
        // Each spec takes another branch of the transposed convolution: stride phases with even
        // padding, uneven padding, negative padding (a crop), dilation spread into a strided
        // kernel, stride 1 (no pixel shuffle), groups, and output padding. Of the two weights,
        // t [4, 6, 3, 2] (24 phase channels at stride 2) takes the sub-pixel route and w
        // [6, 4, 3, 2] at stride 1 or with 2 groups (4 or 8) the col2im route.
        List<Conv2dSpec> specs = List.of(Conv2dSpec.of(2, 1), Conv2dSpec.of(2, 0), Conv2dSpec.of(1, 3),
                Conv2dSpec.of(2, 1).withDilation(2, 1), Conv2dSpec.of(1, 1).withDilation(2, 2),
                Conv2dSpec.of(2, 1).withGroups(2), Conv2dSpec.of(2, 1).withOutputPadding(1, 1));
        Shape xs = Shape.of(2, 4, 7, 6);
        Storage x = kk.upload(new float[xs.size()], xs);
        int start = k.liveArrays();
        for (Conv2dSpec spec : specs) {
            int groups = spec.groups();
            Shape ws = Shape.of(6, 4 / groups, 3, 2), ts = Shape.of(4, 6 / groups, 3, 2);
            Shape ys = Shape.of(2, 6, spec.convOutH(7, 3), spec.convOutW(6, 2));
            Shape up = Shape.of(2, 6, spec.transposedOutH(7, 3), spec.transposedOutW(6, 2));
            Storage w = kk.upload(new float[ws.size()], ws), t = kk.upload(new float[ts.size()], ts);
            Storage y = kk.upload(new float[ys.size()], ys);
            if (spec.outputPadH() == 0) {
                leavesOneArray("conv2d, " + spec, () -> kk.conv2d(x, xs, w, ws, spec, ys));
                leavesOneArray("conv2dWeight, " + spec, () -> kk.conv2dWeight(x, xs, y, ys, spec, ws));
                leavesOneArray("convTranspose2d back to x, " + spec, () -> kk.convTranspose2d(y, ys, w, ws, spec, xs));
            }
            leavesOneArray("convTranspose2d, " + spec, () -> kk.convTranspose2d(x, xs, t, ts, spec, up));
            for (Storage s : List.of(w, t, y)) {
                s.release();
            }
        }
        assertThat(k.liveArrays()).isEqualTo(start);
        x.release();
    }

    @Test
    void hundredsOfScopedTrainingStepsReturnTheArrayCountToItsStart() {
        Rng rng = new Rng(3);
        Tensor w = backend.uniform(rng, -0.5f, 0.5f, 8, 4).keep().requiresGrad(true);
        Tensor bias = backend.zeros(4).keep().requiresGrad(true);
        Tensor x = backend.uniform(rng, -1f, 1f, 16, 8).keep();
        Tensor y = backend.bernoulli(rng, 0.5, 16, 4).keep();
        int start = k.liveArrays();
        int peak = 0;
        for (int step = 0; step < 500; step++) {
            try (Scope scope = Scope.open()) {
                List<Tensor> grads;
                Tensor loss;
                try (GradientTape tape = GradientTape.open()) {
                    // A logistic-regression step: matmul, broadcasting, softplus (log1p, exp,
                    // abs, relu), comparisons, reductions, shape ops and their gradients.
                    Tensor z = x.matmul(w).add(bias);
                    loss = z.neg().softplus().mul(y).add(z.softplus().mul(y.rsub(1f))).mean();
                    Tensor extra = Tensor.concat(List.of(z.slice(1, 0, 2), z.transpose().reshape(16, 4).slice(1, 2, 4)), 1)
                            .max(0, false).sum().add(z.gt(0f).sum(1, true).broadcastTo(Shape.of(16, 4)).mean());
                    grads = tape.gradients(loss.add(extra.mul(0f)), List.of(w, bias), false);
                }
                // The update runs outside the tape, as an optimizer's would.
                w.addInPlace(grads.get(0), -0.1f);
                bias.addInPlace(grads.get(1), -0.1f);
                if (step % 100 == 0) {
                    assertThat(loss.item()).isFinite();
                }
                // One array per tensor the scope holds, and no others: nothing leaked mid-step.
                assertThat(k.liveArrays()).as("live arrays during step %d", step).isEqualTo(start + scope.liveCount());
                peak = Math.max(peak, k.liveArrays());
            }
            assertThat(k.liveArrays()).as("live arrays after step %d", step).isEqualTo(start);
        }
        // About 95 tensors are alive at the end of each step, some 47,000 over the run.
        assertThat(peak).as("a step does create arrays, which the scope then frees").isGreaterThan(start + 50);
        for (Tensor t : List.of(w, bias, x, y)) {
            t.close();
        }
        assertThat(k.liveArrays()).isEqualTo(start - 4);
    }
}

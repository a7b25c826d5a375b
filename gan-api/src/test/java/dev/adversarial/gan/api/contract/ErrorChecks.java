package dev.adversarial.gan.api.contract;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.GradientTape;
import dev.adversarial.gan.api.Scope;
import dev.adversarial.gan.api.Shape;
import dev.adversarial.gan.api.Tensor;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Bad input fails with a message that names what was wrong: both shapes, the axis, the fix. */
final class ErrorChecks {
    private ErrorChecks() {
    }

    /** Entry: description → (the failing call, fragments the message must contain). */
    record Case(Consumer<Backend> call, String... fragments) {
    }

    static Map<String, Case> all() {
        return Map.ofEntries(
            Map.entry("binary op on shapes that do not broadcast", new Case(
                b -> b.zeros(100, 784).add(b.zeros(100, 785)), "[100, 784]", "[100, 785]", "broadcast")),
            Map.entry("matmul with disagreeing inner dimensions", new Case(
                b -> b.zeros(100, 784).matmul(b.zeros(100, 1200)), "[100, 784]", "[100, 1200]", "784", "100")),
            Map.entry("matmul of a vector", new Case(b -> b.zeros(3).matmul(b.zeros(3, 2)), "rank-2", "[3]", "[3, 2]")),
            Map.entry("reshape to the wrong size", new Case(b -> b.zeros(2, 3).reshape(4, 2), "[2, 3]", "[4, 2]")),
            Map.entry("axis out of range", new Case(b -> b.zeros(2, 3).sum(2, false), "Axis 2", "[2, 3]")),
            Map.entry("slice out of range", new Case(b -> b.zeros(2, 3).slice(1, 1, 5), "[1, 5)", "[2, 3]")),
            Map.entry("concat with disagreeing dimensions", new Case(
                b -> Tensor.concat(List.of(b.zeros(2, 3), b.zeros(2, 4)), 0), "[2, 3]", "[2, 4]")),
            Map.entry("item of a non-scalar", new Case(b -> b.zeros(2).item(), "one element", "[2]")),
            Map.entry("tensor data that does not fill the shape", new Case(b -> b.tensor(new float[5], 2, 3), "5", "[2, 3]")),
            Map.entry("broadcastTo an incompatible shape", new Case(b -> b.zeros(3).broadcastTo(Shape.of(2, 4)), "[3]", "[2, 4]")),
            Map.entry("in-place update with another shape", new Case(b -> b.zeros(3).addInPlace(b.zeros(4), 1f), "[3]", "[4]")),
            Map.entry("permute with a repeated axis", new Case(b -> b.zeros(2, 3).permute(0, 0), "repeats")),
            Map.entry("backward of a non-scalar loss", new Case(b -> {
                try (Scope s = Scope.open(); GradientTape t = GradientTape.open()) {
                    Tensor x = b.zeros(3).requiresGrad(true);
                    t.gradients(x.mul(2f), List.of(x), false);
                }
            }, "scalar", "[3]", "sum()")));
    }
}

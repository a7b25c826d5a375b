package dev.adversarial.gan.core.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Backends;
import dev.adversarial.gan.api.Parameter;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.api.Scope;
import dev.adversarial.gan.api.optim.Adam;
import dev.adversarial.gan.api.optim.Optimizer;
import dev.adversarial.gan.api.optim.Schedule;
import dev.adversarial.gan.api.optim.Sgd;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The named ways to build layers and optimizers (factories and builders) make exactly what the
 * positional constructors make: same settings, same masks, same updates, bit for bit.
 */
class NamedConstructionTest {
    private final Backend b = Backends.get("cpu");

    @Test
    void dropoutKeepDerivesTheScaleAndDrawsTheSameMasksAsThePositionalConstructor() {
        assertThat(Dropout.keep(0.8, new Rng(1)).scale()).isEqualTo(1.25f);
        assertThat(Dropout.keep(0.5, new Rng(1)).scale()).isEqualTo(2f);
        assertThat(Dropout.keepWithScale(0.8, 1.0, new Rng(1)).scale()).isEqualTo(1f);
        try (Scope s = Scope.open()) {
            float[] named = Dropout.keep(0.8, new Rng(7)).forward(b.ones(20, 30)).toArray();
            float[] positional = new Dropout(0.8, 1.25, new Rng(7)).forward(b.ones(20, 30)).toArray();
            assertThat(named).containsExactly(positional);
        }
        assertThatThrownBy(() -> Dropout.keepWithScale(0.5, 0, new Rng(1))).hasMessageContaining("scale must be a positive");
        assertThatThrownBy(() -> Dropout.keep(1.5, new Rng(1))).hasMessageContaining("(0, 1]");
    }

    @Test
    void adamBuilderStepsExactlyAsTheFiveArgumentConstructor() {
        float[] built = afterSteps(p -> Adam.builder(p).lr(2e-3).betas(0.5, 0.999).build());
        float[] positional = afterSteps(p -> new Adam(p, Schedule.constant(2e-3), 0.5, 0.999, 1e-8));
        assertThat(built).containsExactly(positional);
        // The defaults are Kingma and Ba's, as the two-argument constructor's are.
        assertThat(afterSteps(p -> Adam.builder(p).lr(0.01).build())).containsExactly(afterSteps(p -> new Adam(p, 0.01)));
        try (Parameter p = new Parameter(b.tensor(new float[] {1f}, 1))) {
            assertThat(Adam.builder(List.of(p)).betas(0.5, 0.99).epsilon(1e-6).build().toString())
                    .contains("beta1=0.5", "beta2=0.99", "epsilon=1.0E-6");
            assertThatThrownBy(() -> Adam.builder(List.of(p)).betas(1, 0.999).build())
                    .hasMessageContaining("beta1, beta2 < 1");
        }
    }

    @Test
    void sgdBuilderStepsExactlyAsThePositionalConstructorAndNeedsALearningRate() {
        float[] built = afterSteps(p -> Sgd.builder(p).lr(0.1).momentum(0.5).build());
        float[] positional = afterSteps(p -> new Sgd(p, Schedule.constant(0.1), Schedule.constant(0.5), false));
        assertThat(built).containsExactly(positional);
        assertThat(afterSteps(p -> Sgd.builder(p).lr(0.1).momentum(0.5).nesterov(true).build()))
                .containsExactly(afterSteps(p -> new Sgd(p, Schedule.constant(0.1), Schedule.constant(0.5), true)));
        try (Parameter p = new Parameter(b.tensor(new float[] {1f}, 1))) {
            assertThatThrownBy(() -> Sgd.builder(List.of(p)).momentum(0.5).build())
                    .hasMessageContaining("needs a learning rate");
        }
    }

    /** A parameter's values after three steps of the optimizer on the gradient of sum(p²). */
    private float[] afterSteps(Function<List<Parameter>, Optimizer> make) {
        try (Parameter p = new Parameter(b.tensor(new float[] {1f, -2f, 0.5f}, 3)); Optimizer opt = make.apply(List.of(p))) {
            for (int i = 0; i < 3; i++) {
                try (Scope s = Scope.open()) {
                    opt.zeroGrad();
                    try (var tape = dev.adversarial.gan.api.GradientTape.open()) {
                        tape.backward(p.value().square().sum(), List.of(p));
                    }
                    opt.step();
                }
            }
            return p.value().toArray();
        }
    }
}

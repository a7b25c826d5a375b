package dev.adversarial.gan.recipes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Backends;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.api.Scope;
import dev.adversarial.gan.api.Tensor;
import dev.adversarial.gan.core.loss.GanLoss;
import dev.adversarial.gan.core.loss.GradientPenalty;
import dev.adversarial.gan.core.loss.R1Penalty;
import dev.adversarial.gan.core.nn.BatchNorm;
import dev.adversarial.gan.core.train.GanModel;
import dev.adversarial.gan.core.train.TrainingConfig;
import dev.adversarial.gan.core.train.UpdateMode;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DcganMnistRecipeTest {
    private final Backend b = Backends.get("cpu");
    private final DcganMnistRecipe recipe = new DcganMnistRecipe();

    @Test
    void theArchitectureIsTheIssuesDcgan() {
        Settings s = recipe.settings(Map.of());
        try (Scope scope = Scope.open(); GanModel m = recipe.model(b, new Rng(1), s, null)) {
            // G: 100·6272 + 6272 (linear) + 2·6272 (BN) + 128·64·16 (convT, no bias) + 2·64 (BN) + 64·16 + 1.
            assertThat(m.generator().parameterCount())
                    .isEqualTo(100L * 6272 + 6272 + 2 * 6272 + 128 * 64 * 16 + 2 * 64 + 64 * 16 + 1);
            // D: 16·64 + 64 (conv) + 64·128·16 (conv, no bias) + 2·128 (BN) + 6272 + 1 (linear).
            assertThat(m.discriminator().parameterCount()).isEqualTo(16L * 64 + 64 + 64 * 128 * 16 + 2 * 128 + 6272 + 1);
            m.generator().eval();
            Tensor x = m.generator().forward(m.prior().sample(b, new Rng(2), 3));
            assertThat(x.shape().dims()).containsExactly(3, 784);
            for (float v : x.toArray()) {
                assertThat(v).isBetween(0f, 1f);
            }
            assertThat(m.discriminator().forward(x).shape().dims()).containsExactly(3, 1);
            assertThat(BatchNorm.isUsedIn(m.discriminator())).isTrue();
        }
        TrainingConfig c = recipe.trainingConfig(s);
        assertThat(c.batchSize()).isEqualTo(64);
        assertThat(c.discriminatorSteps()).isEqualTo(1);
        assertThat(c.mode()).isEqualTo(UpdateMode.ALTERNATING);
        assertThat(c.loss()).isEqualTo(GanLoss.NON_SATURATING);
        assertThat(c.penalties()).isEmpty();
        assertThat(c.emaBeta()).isZero();
    }

    @Test
    void wganGpBringsItsCriticStepsAndDropsTheCriticsBatchNorm() {
        Settings s = recipe.settings(Map.of("loss", "wgan-gp"));
        assertThat(s.string("k")).isEqualTo("5");
        assertThat(s.string("d.norm")).isEqualTo("none");
        TrainingConfig c = recipe.trainingConfig(s);
        assertThat(c.loss()).isEqualTo(GanLoss.WASSERSTEIN);
        assertThat(c.penalties()).containsExactly(new GradientPenalty(10));
        try (GanModel m = recipe.model(b, new Rng(1), s, null)) {
            assertThat(BatchNorm.isUsedIn(m.discriminator())).isFalse();
        }
        Settings explicit = recipe.settings(Map.of("loss", "wgan-gp", "k", "2", "gp", "5"));
        assertThat(recipe.trainingConfig(explicit).discriminatorSteps()).isEqualTo(2);
        assertThat(recipe.trainingConfig(explicit).penalties()).containsExactly(new GradientPenalty(5));
    }

    @Test
    void everyRecipeAcceptsR1AndEmaAndRejectsNonsense() {
        for (Recipe r : new Recipe[] {recipe, new PaperMnistRecipe(), new Toy1dRecipe()}) {
            TrainingConfig c = r.trainingConfig(r.settings(Map.of("r1", "10", "ema", "0.999")));
            assertThat(c.penalties()).as(r.name()).containsExactly(new R1Penalty(10));
            assertThat(c.emaBeta()).as(r.name()).isEqualTo(0.999);
            assertThatThrownBy(() -> r.trainingConfig(r.settings(Map.of("ema", "1"))))
                    .hasMessageContaining("'ema'").hasMessageContaining("[0, 1)");
            assertThatThrownBy(() -> r.trainingConfig(r.settings(Map.of("r1", "-1"))))
                    .hasMessageContaining("'r1'").hasMessageContaining("0 (off) or positive");
        }
        assertThatThrownBy(() -> recipe.model(b, new Rng(1), recipe.settings(Map.of("d.norm", "layer")), null))
                .hasMessageContaining("'d.norm' must be batch or none");
    }

    @Test
    void thePaperRecipesSettingsKeepTheirDefaults() {
        Settings s = new PaperMnistRecipe().settings(Map.of());
        assertThat(s.string("k")).isEqualTo("1");
        assertThat(s.string("update")).isEqualTo("simultaneous");
        assertThat(s.string("loss")).isEqualTo("non-saturating");
    }
}

package dev.adversarial.gan.core.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Backends;
import dev.adversarial.gan.api.GradientTape;
import dev.adversarial.gan.api.Scope;
import dev.adversarial.gan.api.Tensor;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Values worked out by hand for real logits [0, 2] and fake logits [-1, 0]. */
class GanLossTest {
    private final Backend b = Backends.get("cpu");
    private Scope scope;
    private Tensor real;
    private Tensor fake;

    // softplus(0) = ln 2, softplus(-2) = ln(1 + e^-2), softplus(-1) = ln(1 + e^-1), softplus(1) = 1 + softplus(-1)
    private static final double SP0 = Math.log(2), SPM2 = Math.log1p(Math.exp(-2)), SPM1 = Math.log1p(Math.exp(-1));

    @BeforeEach
    void setUp() {
        scope = Scope.open();
        real = b.tensor(new float[] {0, 2}, 2, 1);
        fake = b.tensor(new float[] {-1, 0}, 2, 1);
    }

    @AfterEach
    void tearDown() {
        scope.close();
    }

    @Test
    void discriminatorLossIsHalfTheSumOfBothCrossEntropies() {
        double expected = 0.5 * ((SP0 + SPM2) / 2 + (SPM1 + SP0) / 2); // = 0.456621
        assertThat(GanLoss.NON_SATURATING.discriminator(real, fake).item()).isCloseTo((float) expected, within(1e-6f));
        assertThat(GanLoss.MINIMAX.discriminator(real, fake).item()).isCloseTo((float) expected, within(1e-6f));
        assertThat(expected).isCloseTo(0.456621, within(1e-6));
    }

    @Test
    void generatorLosses() {
        assertThat(GanLoss.NON_SATURATING.generator(fake).item()).isCloseTo((float) ((1 + SPM1 + SP0) / 2), within(1e-6f));
        assertThat(GanLoss.MINIMAX.generator(fake).item()).isCloseTo((float) (-(SPM1 + SP0) / 2), within(1e-6f));
        assertThat(GanLoss.LEAST_SQUARES.discriminator(real, fake).item()).isCloseTo(0.75f, within(1e-6f));
        assertThat(GanLoss.LEAST_SQUARES.generator(fake).item()).isCloseTo(1.25f, within(1e-6f));
        assertThat(GanLoss.HINGE.discriminator(real, fake).item()).isCloseTo(1.0f, within(1e-6f));
        assertThat(GanLoss.HINGE.generator(fake).item()).isCloseTo(0.5f, within(1e-6f));
        // Wasserstein critic on raw scores: mean(fake) − mean(real) = −0.5 − 1; G: −mean(fake) = 0.5.
        assertThat(GanLoss.WASSERSTEIN.discriminator(real, fake).item()).isCloseTo(-1.5f, within(1e-6f));
        assertThat(GanLoss.WASSERSTEIN.generator(fake).item()).isCloseTo(0.5f, within(1e-6f));
    }

    @Test
    void extremeLogitsGiveFiniteLossesAndGradients() {
        try (GradientTape tape = GradientTape.open()) {
            Tensor r = b.tensor(new float[] {-1000, 1000}, 2, 1).requiresGrad(true);
            Tensor f = b.tensor(new float[] {1000, -1000}, 2, 1).requiresGrad(true);
            for (GanLoss loss : GanLoss.values()) {
                Tensor d = loss.discriminator(r, f);
                Tensor g = loss.generator(f);
                assertThat(Float.isFinite(d.item())).as(loss + " D").isTrue();
                assertThat(Float.isFinite(g.item())).as(loss + " G").isTrue();
                for (Tensor grad : tape.gradients(d.add(g), List.of(r, f), false)) {
                    for (float v : grad.toArray()) {
                        assertThat(Float.isFinite(v)).as(loss + " gradient").isTrue();
                    }
                }
            }
            // D = 0.5·[softplus(1000) + softplus(1000)]/2·2 = 1000 for confident mistakes: finite, not inf.
            assertThat(GanLoss.NON_SATURATING.discriminator(r, f).item()).isCloseTo(500f, within(1e-3f));
        }
    }

    @Test
    void theNonSaturatingLossKeepsItsGradientWhenDRejectsSamples() {
        try (GradientTape tape = GradientTape.open()) {
            Tensor f = b.tensor(new float[] {-10}, 1, 1).requiresGrad(true);
            float saturating = tape.gradients(GanLoss.MINIMAX.generator(f), List.of(f), false).get(0).item();
            float strong = tape.gradients(GanLoss.NON_SATURATING.generator(f), List.of(f), false).get(0).item();
            assertThat(Math.abs(saturating)).isLessThan(1e-4f);      // σ(-10) ≈ 4.5e-5
            assertThat(Math.abs(strong)).isGreaterThan(0.99f);       // 1 − σ(-10)
        }
    }

    @Test
    void parseAcceptsLabelsAndExplainsUnknownNames() {
        assertThat(GanLoss.parse("non-saturating")).isEqualTo(GanLoss.NON_SATURATING);
        assertThat(GanLoss.parse("Least_Squares")).isEqualTo(GanLoss.LEAST_SQUARES);
        assertThat(GanLoss.HINGE.label()).isEqualTo("hinge");
        assertThat(GanLoss.parse("wasserstein")).isEqualTo(GanLoss.WASSERSTEIN);
        assertThat(GanLoss.parse("WGAN-GP")).as("wgan-gp is the Wasserstein loss; its penalty is added by the trainer's"
                + " configuration").isEqualTo(GanLoss.WASSERSTEIN);
        assertThatThrownBy(() -> GanLoss.parse("earth-mover")).hasMessageContaining("minimax, non-saturating")
                .hasMessageContaining("wgan-gp");
    }
}

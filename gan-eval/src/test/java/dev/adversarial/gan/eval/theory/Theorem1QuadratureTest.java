package dev.adversarial.gan.eval.theory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.core.data.GaussianMixture1D;
import dev.adversarial.gan.core.train.NoisePrior;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Theorem 1 (C(G) = −log 4 + 2·JSD(p_data ‖ p_g)) and Proposition 1 (D* maximises V(D, G)) by
 * quadrature on pairs of known densities, the exact change of variables for p_g, and the
 * Wasserstein-1 distance of samples.
 */
class Theorem1QuadratureTest {
    private static final int POINTS = 40_001;

    private static DoubleUnaryOperator normal(double mean, double std) {
        return GaussianMixture1D.gaussian(mean, std)::density;
    }

    private static void assertTheorem1(DoubleUnaryOperator pData, DoubleUnaryOperator pG, double lo, double hi) {
        GameQuadrature.Values v = GameQuadrature.compute(pData, pG, lo, hi, POINTS);
        assertThat(v.massData()).isCloseTo(1, within(1e-9));
        assertThat(v.massG()).isCloseTo(1, within(1e-9));
        assertThat(v.jsd()).isBetween(1e-4, Math.log(2));
        assertThat(v.cOfG()).as("C(G) against -log 4 + 2 JSD").isCloseTo(v.theorem1(), within(1e-6));
        assertThat(v.cOfG()).isGreaterThan(GameQuadrature.MINUS_LOG_4);
    }

    @Test
    void theorem1HoldsForGaussiansOfDifferentMeansAndWidths() {
        assertTheorem1(normal(0, 1), normal(1, 0.5), -15, 15);
        assertTheorem1(normal(2, 0.5), normal(-1, 2), -25, 25);
        assertTheorem1(normal(0, 1), normal(0, 3), -35, 35);
        assertTheorem1(normal(2, 0.5), normal(2.05, 0.5), -10, 10);
    }

    @Test
    void theorem1HoldsForAMixtureAgainstAGaussian() {
        GaussianMixture1D mixture = GaussianMixture1D.figure1Default();
        assertTheorem1(mixture::density, normal(0, 1), -15, 15);
        assertTheorem1(mixture::density, normal(2, 0.5), -15, 15);
    }

    @Test
    void cOfGIsMinusLog4ExactlyWhenTheDensitiesAgree() {
        GameQuadrature.Values v = GameQuadrature.compute(normal(2, 0.5), normal(2, 0.5), -8, 12, POINTS);
        assertThat(v.jsd()).isZero();
        assertThat(v.cOfG()).isCloseTo(GameQuadrature.MINUS_LOG_4, within(1e-12));
        GaussianMixture1D m = GaussianMixture1D.figure1Default();
        assertThat(GameQuadrature.compute(m::density, m::density, -10, 10, POINTS).cOfG())
                .isCloseTo(GameQuadrature.MINUS_LOG_4, within(1e-12));
    }

    @Test
    void densitiesWithDisjointSupportsHaveTheLargestDivergence() {
        // 40 standard deviations apart: JSD = log 2 and C(G) = 0, the other end of Theorem 1's range.
        GameQuadrature.Values v = GameQuadrature.compute(normal(-20, 1), normal(20, 1), -40, 40, POINTS);
        assertThat(v.jsd()).isCloseTo(Math.log(2), within(1e-9));
        assertThat(v.cOfG()).isCloseTo(0, within(1e-9));
    }

    @Test
    void theOptimalDiscriminatorMaximisesTheValueFunction() {
        double[] x = GameQuadrature.grid(-12, 12, POINTS);
        double[] pd = new double[POINTS], pg = new double[POINTS], optimal = new double[POINTS];
        double[] half = new double[POINTS], shifted = new double[POINTS];
        for (int i = 0; i < POINTS; i++) {
            pd[i] = normal(0, 1).applyAsDouble(x[i]);
            pg[i] = normal(1, 0.7).applyAsDouble(x[i]);
            optimal[i] = Math.log(pd[i] / pg[i]); // logit of D* = p_data / (p_data + p_g)
            shifted[i] = optimal[i] + 0.3;
        }
        GameQuadrature.Values atOptimum = GameQuadrature.compute(x, pd, pg, optimal);
        assertThat(atOptimum.valueOfD()).isCloseTo(atOptimum.cOfG(), within(1e-9));
        assertThat(GameQuadrature.compute(x, pd, pg, half).valueOfD())
                .as("D = 1/2 everywhere gives -log 4").isCloseTo(GameQuadrature.MINUS_LOG_4, within(1e-9))
                .isLessThan(atOptimum.cOfG());
        assertThat(GameQuadrature.compute(x, pd, pg, shifted).valueOfD()).isLessThan(atOptimum.cOfG());
        assertThat(GameQuadrature.compute(x, pd, pg, half).meanAbsDMinusHalf()).isZero();
    }

    @Test
    void changeOfVariablesGivesTheExactDensityOfAnAffineGenerator() {
        NoisePrior prior = NoisePrior.normal(1, 0, 1);
        double[] z = GeneratorDensity1D.zGrid(prior, 4001);
        double[] g = new double[z.length], slope = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            g[i] = 1 + 0.5 * z[i];
            slope[i] = 0.5;
        }
        GeneratorDensity1D pg = new GeneratorDensity1D(z, g, slope, GeneratorDensity1D.priorDensity(prior));
        double[] x = GameQuadrature.grid(-2, 4, 601);
        double[] p = pg.density(x);
        for (int i = 0; i < x.length; i++) {
            assertThat(p[i]).as("p_g(%s)", x[i]).isCloseTo(normal(1, 0.5).applyAsDouble(x[i]), within(1e-9));
        }
        assertThat(pg.folds()).isZero();
    }

    @Test
    void changeOfVariablesSumsOverEveryPreimage() {
        // G(z) = z² on N(0, 1): two preimages ±√x, so p_g is the chi-square density with one degree of freedom.
        NoisePrior prior = NoisePrior.normal(1, 0, 1);
        double[] z = GeneratorDensity1D.zGrid(prior, 16_001);
        double[] g = new double[z.length], slope = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            g[i] = z[i] * z[i];
            slope[i] = 2 * z[i];
        }
        GeneratorDensity1D pg = new GeneratorDensity1D(z, g, slope, GeneratorDensity1D.priorDensity(prior));
        double[] x = GameQuadrature.grid(0.2, 6, 59);
        double[] p = pg.density(x);
        for (int i = 0; i < x.length; i++) {
            double chi2 = Math.exp(-x[i] / 2) / Math.sqrt(2 * Math.PI * x[i]);
            assertThat(p[i]).as("p_g(%s)", x[i]).isCloseTo(chi2, within(1e-6));
        }
        assertThat(pg.folds()).isEqualTo(1);
    }

    @Test
    void wassersteinDistanceOfSamplesToTheirOwnDensityIsSmallAndAShiftShowsUp() {
        GaussianMixture1D p = GaussianMixture1D.gaussian(2, 0.5);
        float[] own = p.sample(new Rng(7), 100_000).values();
        float[] shifted = own.clone();
        for (int i = 0; i < shifted.length; i++) {
            shifted[i] += 0.1f;
        }
        double[] x = GameQuadrature.grid(-2, 6.5, 20_001), pd = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            pd[i] = p.density(x[i]);
        }
        assertThat(Toy1dTheory.wasserstein1(own, x, pd)).isLessThan(0.005);
        assertThat(Toy1dTheory.wasserstein1(shifted, x, pd)).isCloseTo(0.1, within(0.005));
    }
}

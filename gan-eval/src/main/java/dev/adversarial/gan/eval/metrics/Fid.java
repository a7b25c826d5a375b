package dev.adversarial.gan.eval.metrics;

import dev.adversarial.gan.eval.linalg.PairwiseProducts;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The Fréchet distance between two Gaussians fitted to feature vectors (Heusel et al., 2017):
 * FID = |μ1 − μ2|² + Tr(C1 + C2 − 2·(C1·C2)^½).
 *
 * <p>The reference implementations take scipy's sqrtm of the non-symmetric product C1·C2, which
 * can return complex noise for nearly singular covariances. Here the trace of the square root is
 * taken from the symmetric matrix C1^½·C2·C1^½, which has the same eigenvalues as C1·C2 (they are
 * similar matrices when C1 is positive definite, and by continuity otherwise): Tr (C1·C2)^½ =
 * Σ √λ_i. Both steps are symmetric eigendecompositions (EJML), and eigenvalues that rounding made
 * slightly negative are clamped to zero, so the result is always real.
 */
public final class Fid {
    private Fid() {
    }

    /**
     * The mean and covariance of a set of feature vectors, in double: what the Fréchet distance
     * compares. The covariance is the unbiased one (divided by n − 1), as numpy.cov computes it in
     * the reference FID implementations.
     *
     * @param mean       [dim]
     * @param covariance [dim·dim], row-major and symmetric
     */
    public record Statistics(int dim, int count, double[] mean, double[] covariance) {
        public Statistics {
            if (mean.length != dim || covariance.length != (long) dim * dim) {
                throw new IllegalArgumentException("Statistics of dimension " + dim + " need a mean of " + dim
                        + " and a covariance of " + dim * dim + " values, got " + mean.length + " and " + covariance.length);
            }
            if (count < 2) {
                throw new IllegalArgumentException("A covariance needs at least 2 feature vectors, got " + count);
            }
        }

        /** Statistics of {@code n} rows of {@code dim} features, row-major. */
        public static Statistics of(float[] features, int n, int dim) {
            if (n < 2 || (long) n * dim != features.length) {
                throw new IllegalArgumentException("Need at least 2 rows of " + dim + " features, got " + features.length
                        + " values for " + n + " rows");
            }
            double[] mean = new double[dim];
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < dim; k++) {
                    mean[k] += features[i * dim + k];
                }
            }
            for (int k = 0; k < dim; k++) {
                mean[k] /= n;
            }
            // Σ x xᵀ over the (often sparse, post-ReLU) raw features through the blocked kernel, then
            // the mean correction: in double the cancellation costs nothing that matters here.
            float[] columns = new float[features.length];
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < dim; k++) {
                    columns[k * n + i] = features[i * dim + k];
                }
            }
            double[] moment = PairwiseProducts.all(columns, dim, columns, dim, n);
            double[] cov = new double[dim * dim];
            for (int a = 0; a < dim; a++) {
                for (int b = 0; b < dim; b++) {
                    cov[a * dim + b] = (moment[a * dim + b] - n * mean[a] * mean[b]) / (n - 1);
                }
            }
            // Symmetric up to rounding already; make it exactly so for the eigensolver.
            for (int a = 0; a < dim; a++) {
                for (int b = a + 1; b < dim; b++) {
                    double s = 0.5 * (cov[a * dim + b] + cov[b * dim + a]);
                    cov[a * dim + b] = s;
                    cov[b * dim + a] = s;
                }
            }
            return new Statistics(dim, n, mean, cov);
        }
    }

    /** The Fréchet distance between the two fitted Gaussians. */
    public static double distance(Statistics a, Statistics b) {
        if (a.dim() != b.dim()) {
            throw new IllegalArgumentException("FID compares statistics of equal dimension, got " + a.dim() + " and "
                    + b.dim() + " (features from different classifiers?)");
        }
        int d = a.dim();
        double meanTerm = 0;
        for (int k = 0; k < d; k++) {
            double diff = a.mean()[k] - b.mean()[k];
            meanTerm += diff * diff;
        }
        DMatrixRMaj c1 = DMatrixRMaj.wrap(d, d, a.covariance().clone());
        DMatrixRMaj c2 = DMatrixRMaj.wrap(d, d, b.covariance().clone());
        double trace = CommonOps_DDRM.trace(c1) + CommonOps_DDRM.trace(c2);
        DMatrixRMaj root = symmetricSqrt(c1);
        DMatrixRMaj tmp = new DMatrixRMaj(d, d);
        DMatrixRMaj m = new DMatrixRMaj(d, d);
        CommonOps_DDRM.mult(root, c2, tmp);
        CommonOps_DDRM.mult(tmp, root, m);
        double traceRoot = 0;
        for (double lambda : symmetricEigenvalues(m)) {
            traceRoot += Math.sqrt(Math.max(0, lambda));
        }
        return meanTerm + trace - 2 * traceRoot;
    }

    /** S^½ for a symmetric positive semi-definite S: V·diag(√max(λ, 0))·Vᵀ. */
    static DMatrixRMaj symmetricSqrt(DMatrixRMaj s) {
        int d = s.numRows;
        EigenDecomposition_F64<DMatrixRMaj> eig = decompose(s);
        DMatrixRMaj out = new DMatrixRMaj(d, d);
        for (int i = 0; i < d; i++) {
            double r = Math.sqrt(Math.max(0, eig.getEigenvalue(i).getReal()));
            DMatrixRMaj v = eig.getEigenVector(i);
            for (int row = 0; row < d; row++) {
                double vr = v.get(row, 0) * r;
                if (vr == 0) {
                    continue;
                }
                for (int col = 0; col < d; col++) {
                    out.add(row, col, vr * v.get(col, 0));
                }
            }
        }
        return out;
    }

    static double[] symmetricEigenvalues(DMatrixRMaj s) {
        EigenDecomposition_F64<DMatrixRMaj> eig = decompose(s);
        double[] out = new double[s.numRows];
        for (int i = 0; i < out.length; i++) {
            out[i] = eig.getEigenvalue(i).getReal();
        }
        return out;
    }

    private static EigenDecomposition_F64<DMatrixRMaj> decompose(DMatrixRMaj s) {
        int d = s.numRows;
        DMatrixRMaj sym = new DMatrixRMaj(d, d);
        // Products of symmetric matrices are symmetric only up to rounding; the symmetric solver
        // must see an exactly symmetric input.
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                sym.set(i, j, 0.5 * (s.get(i, j) + s.get(j, i)));
            }
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, true, true);
        if (!eig.decompose(sym)) {
            throw new IllegalStateException("The symmetric eigendecomposition of a " + d + "x" + d + " covariance did"
                    + " not converge; the features probably contain huge or degenerate values");
        }
        return eig;
    }
}

package dev.adversarial.gan.eval.metrics;

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

    /** The Fréchet distance between the two fitted Gaussians. */
    public static double distance(FeatureStatistics a, FeatureStatistics b) {
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

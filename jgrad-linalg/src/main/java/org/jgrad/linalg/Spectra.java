package org.jgrad.linalg;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.ejml.data.Complex_F64;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;
import org.jgrad.tensor.Shapes;
import org.jgrad.tensor.Tensor;

/**
 * Eigenvalues and singular values of 2-D tensors, computed by EJML. They explain the chapter's
 * exploding and vanishing gradients: a product of matrices grows like the spectral radius (the
 * largest |eigenvalue|) of its factors raised to the number of factors, and shrinks when it is
 * below one.
 */
public final class Spectra {
    private Spectra() {
    }

    /** A complex number. */
    public record Complex(double re, double im) {
        public double abs() {
            return Math.hypot(re, im);
        }

        @Override
        public String toString() {
            return im == 0 ? String.format(java.util.Locale.ROOT, "%.6g", re)
                    : String.format(java.util.Locale.ROOT, "%.6g%s%.6gi", re, im < 0 ? "−" : "+", Math.abs(im));
        }
    }

    /** Eigenvalues of a square matrix, largest magnitude first. */
    public static List<Complex> eigenvalues(Tensor square) {
        int[] s = square.shape();
        if (s.length != 2 || s[0] != s[1]) {
            throw new IllegalArgumentException("eigenvalues: needs a square matrix, got shape " + Shapes.toString(s));
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(s[0], false);
        if (!eig.decompose(matrix(square))) {
            throw new IllegalStateException("eigenvalues: EJML's decomposition did not converge for this " + Shapes.toString(s)
                    + " matrix (it may hold NaN or Inf)");
        }
        List<Complex> out = new ArrayList<>();
        for (int i = 0; i < eig.getNumberOfEigenvalues(); i++) {
            Complex_F64 c = eig.getEigenvalue(i);
            out.add(new Complex(c.real, c.imaginary));
        }
        out.sort(Comparator.comparingDouble(Complex::abs).reversed());
        return out;
    }

    /** The largest eigenvalue magnitude. */
    public static double spectralRadius(Tensor square) {
        return eigenvalues(square).get(0).abs();
    }

    /** Singular values of a matrix, largest first. */
    public static double[] singularValues(Tensor m) {
        int[] s = m.shape();
        if (s.length != 2) {
            throw new IllegalArgumentException("singularValues: needs a 2-D tensor, got shape " + Shapes.toString(s));
        }
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(s[0], s[1], false, false, true);
        if (!svd.decompose(matrix(m))) {
            throw new IllegalStateException("singularValues: EJML's decomposition did not converge for this "
                    + Shapes.toString(s) + " matrix (it may hold NaN or Inf)");
        }
        double[] values = Arrays.copyOf(svd.getSingularValues(), Math.min(s[0], s[1]));
        Arrays.sort(values);
        for (int i = 0; i < values.length / 2; i++) {
            double t = values[i];
            values[i] = values[values.length - 1 - i];
            values[values.length - 1 - i] = t;
        }
        return values;
    }

    /** σ_max / σ_min (∞ for a singular matrix). */
    public static double conditionNumber(Tensor m) {
        double[] sv = singularValues(m);
        return sv[sv.length - 1] == 0 ? Double.POSITIVE_INFINITY : sv[0] / sv[sv.length - 1];
    }

    private static DMatrixRMaj matrix(Tensor t) {
        int[] s = t.shape();
        return new DMatrixRMaj(s[0], s[1], true, t.toDoubleArray());
    }
}

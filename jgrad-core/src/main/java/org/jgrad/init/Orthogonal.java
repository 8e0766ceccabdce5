package org.jgrad.init;

import org.jgrad.tensor.Rng;
import org.jgrad.tensor.Tensor;

/**
 * MXNet's Orthogonal: the weight, viewed as (out, in·k…), is scale × a matrix with orthonormal rows
 * or columns (whichever the shape allows): a random matrix (uniform in [−1, 1] or normal)
 * orthonormalized by modified Gram–Schmidt, i.e. the Q of its QR decomposition (for normal draws
 * this is uniform over orthogonal matrices). MXNet's default scale is 1.414.
 */
public final class Orthogonal implements Initializer {
    private final double scale;
    private final boolean gaussian;

    public Orthogonal() {
        this(1.414, false);
    }

    public Orthogonal(double scale, boolean gaussian) {
        this.scale = scale;
        this.gaussian = gaussian;
    }

    @Override
    public void initWeight(Target target, Tensor data, Rng rng) {
        int[] shape = data.shape();
        Initializer.fanIn("Orthogonal", target, shape);
        int rows = shape[0];
        int cols = data.size() / rows;
        // orthonormalize the vectors along the longer side: they are the ones that fit
        boolean rowsOrthonormal = rows <= cols;
        int n = rowsOrthonormal ? rows : cols;
        int len = rowsOrthonormal ? cols : rows;
        double[][] v = new double[n][len];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < len; j++) {
                v[i][j] = gaussian ? rng.nextGaussian() : 2 * rng.nextDouble() - 1;
            }
        }
        gramSchmidt(v);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double x = rowsOrthonormal ? v[r][c] : v[c][r];
                data.storage().set(r * cols + c, scale * x);
            }
        }
    }

    /** Modified Gram–Schmidt, twice for stability ("twice is enough"), on the rows of v. */
    static void gramSchmidt(double[][] v) {
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < v.length; i++) {
                for (int k = 0; k < i; k++) {
                    double d = dot(v[i], v[k]);
                    for (int j = 0; j < v[i].length; j++) {
                        v[i][j] -= d * v[k][j];
                    }
                }
                double norm = Math.sqrt(dot(v[i], v[i]));
                if (norm < 1e-12) {
                    throw new IllegalStateException("Orthogonal: a random draw was degenerate; use another seed");
                }
                for (int j = 0; j < v[i].length; j++) {
                    v[i][j] /= norm;
                }
            }
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Override
    public String toString() {
        return "Orthogonal(scale=" + scale + ", " + (gaussian ? "normal" : "uniform") + ")";
    }
}

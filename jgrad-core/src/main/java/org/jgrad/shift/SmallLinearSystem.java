package org.jgrad.shift;

/**
 * Solves small dense systems A·x = b (a 10×10 confusion matrix, not a million unknowns) by Gaussian
 * elimination with partial pivoting, and ridge least squares through the normal equations.
 */
final class SmallLinearSystem {
    private SmallLinearSystem() {
    }

    /** x with A·x = b for a square A; A and b are not changed. */
    static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][];
        double[] rhs = b.clone();
        double scale = 0;
        for (int i = 0; i < n; i++) {
            if (a[i].length != n) {
                throw new IllegalArgumentException("solve: the matrix must be " + n + "×" + n + ", row " + i + " has "
                        + a[i].length + " entries");
            }
            m[i] = a[i].clone();
            for (double v : m[i]) {
                scale = Math.max(scale, Math.abs(v));
            }
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
                    pivot = r;
                }
            }
            if (Math.abs(m[pivot][col]) <= 1e-13 * Math.max(scale, Double.MIN_NORMAL)) {
                throw new ArithmeticException("solve: the matrix is singular at column " + col
                        + "; add a ridge term (λ > 0) to make the system solvable");
            }
            double[] rowSwap = m[col];
            m[col] = m[pivot];
            m[pivot] = rowSwap;
            double rhsSwap = rhs[col];
            rhs[col] = rhs[pivot];
            rhs[pivot] = rhsSwap;
            for (int r = col + 1; r < n; r++) {
                double factor = m[r][col] / m[col][col];
                for (int c = col; c < n; c++) {
                    m[r][c] -= factor * m[col][c];
                }
                rhs[r] -= factor * rhs[col];
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = rhs[r];
            for (int c = r + 1; c < n; c++) {
                s -= m[r][c] * x[c];
            }
            x[r] = s / m[r][r];
        }
        return x;
    }

    /** argmin ‖A·x − b‖² + λ‖x‖², from (AᵀA + λI)·x = Aᵀb; λ = 0 is ordinary least squares. */
    static double[] ridge(double[][] a, double[] b, double lambda) {
        int rows = a.length;
        int n = a[0].length;
        double[][] normal = new double[n][n];
        double[] atb = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int r = 0; r < rows; r++) {
                    s += a[r][i] * a[r][j];
                }
                normal[i][j] = s + (i == j ? lambda : 0);
            }
            double s = 0;
            for (int r = 0; r < rows; r++) {
                s += a[r][i] * b[r];
            }
            atb[i] = s;
        }
        return solve(normal, atb);
    }
}

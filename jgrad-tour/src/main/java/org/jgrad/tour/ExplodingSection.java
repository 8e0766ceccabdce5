package org.jgrad.tour;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jgrad.linalg.Spectra;
import org.jgrad.tensor.DType;
import org.jgrad.tensor.Rng;
import org.jgrad.tensor.Tensor;

/** Section 4: the chapter's exploding product of Gaussian matrices, explained by spectral radii. */
final class ExplodingSection implements TourSection {
    private static final int STEPS = 100;

    @Override
    public String id() {
        return "exploding";
    }

    @Override
    public String title() {
        return "4. Exploding gradients";
    }

    @Override
    public ReportSection run(TourContext ctx) {
        Rng rng = ctx.rng(id());
        ReportSection s = new ReportSection(id(), title());
        s.text("A deep network's gradient is a product of Jacobians, one per layer. The chapter's experiment takes a 4×4 matrix"
                + " M with standard Gaussian entries and multiplies it by 100 more such matrices. The norm of the product grows"
                + " exponentially: each factor stretches some direction by more than 1. For powers of one matrix, M^k, the"
                + " growth rate is exactly its spectral radius ρ(M) (the largest |eigenvalue|): ‖M^k‖ ≈ c·ρ(M)^k.");
        Tensor m = Tensor.randomNormal(rng, 0, 1, DType.FLOAT64, 4, 4);
        List<Spectra.Complex> eig = Spectra.eigenvalues(m);
        double rho = eig.get(0).abs();
        s.text("M = " + m.toString().replace("tensor(", "").replaceAll(", shape=.*", ""));
        List<List<String>> rows = new ArrayList<>();
        for (Spectra.Complex c : eig) {
            rows.add(List.of(c.toString(), Fmt.num(c.abs())));
        }
        s.table(List.of("eigenvalue of M", "|λ|"), rows);
        double[] k = Fmt.range(0, STEPS + 1);
        double[] product = new double[STEPS + 1];
        double[] powers = new double[STEPS + 1];
        double[] reference = new double[STEPS + 1];
        double[] factorRadii = new double[STEPS];
        Tensor p = m;
        Tensor q = m;
        double logRadiusSum = 0;
        for (int i = 0; i <= STEPS; i++) {
            product[i] = p.norm().item();
            powers[i] = q.norm().item();
            reference[i] = powers[0] * Math.pow(rho, i);
            if (i < STEPS) {
                Tensor n = Tensor.randomNormal(rng, 0, 1, DType.FLOAT64, 4, 4);
                factorRadii[i] = Spectra.spectralRadius(n);
                logRadiusSum += Math.log(factorRadii[i]);
                p = p.matmul(n);
                q = q.matmul(m);
            }
        }
        double productRate = Math.exp((Math.log(product[STEPS]) - Math.log(product[0])) / STEPS);
        double powerRate = Math.exp((Math.log(powers[STEPS]) - Math.log(powers[STEPS / 2])) / (STEPS - STEPS / 2));
        double meanRadius = Math.exp(logRadiusSum / STEPS);
        s.figure(Charts.figure("exploding-product", String.format(Locale.ROOT, "The Frobenius norm of the running product"
                        + " on a log scale. M^k follows the reference line ‖M‖·ρ(M)^k with ρ(M) = %.3f, a straight line on this"
                        + " scale; the product with 100 fresh Gaussian matrices also grows geometrically, by %.3f per step on"
                        + " average (its factors' spectral radii have geometric mean %.3f). After 100 steps the product's norm"
                        + " is %.3e.", rho, productRate, meanRadius, product[STEPS]),
                Charts.xy("Norm of a product of 4×4 Gaussian matrices", "number of factors multiplied", "‖product‖_F (log scale)", true,
                        List.of(Charts.Series.line("M·N1·…·Nk (100 random matrices)", k, product),
                                Charts.Series.line("M^k (powers of M)", k, powers),
                                Charts.Series.line("‖M‖·ρ(M)^k", k, reference)))));
        s.text(String.format(Locale.ROOT, "ρ(M) = %.4f, and the powers of M grow by %.4f per step in their second half: the"
                + " spectral radius is the growth rate. The random product grows by %.4f per step. With numbers of this size"
                + " (%.2e after 100 factors) a gradient overflows float32 long before a deep network is trained; this is why"
                + " initialization keeps each layer's Jacobian close to norm-preserving.", rho, powerRate, productRate, product[STEPS]));
        s.number("spectral_radius", rho).number("power_growth_per_step", powerRate).number("product_growth_per_step", productRate)
                .number("factor_radius_geometric_mean", meanRadius).number("product_norm_after_100", product[STEPS])
                .number("product_norms", product);
        return s;
    }
}

package org.distsde.theory;

import java.util.function.DoubleUnaryOperator;

/**
 * First and second moments of the SDEs of SGD and SignSGD on f(x) = ½xᵀHx, H = diag(λ), with
 * noise scales σⱼ, N agents and a scheduler ρ(t) multiplying drift and diffusion (seed 000, Eq. 111).
 * Coordinates decouple; with Xⱼ following dX = −aρX dt + ρ√(q − bX²) dW the moments solve
 * <pre>
 *   E[X]' = −aρ E[X],    E[X²]' = −(2aρ + bρ²) E[X²] + qρ²,
 * </pre>
 * <ul>
 * <li>SignSGD, Phase 3 (Eq. 5, 10): a = κλ/σ, b = (η/N)κ²λ²/σ², q = η/N, κ = 2p_T(0)
 *     (√(2/π) Gaussian, √(1/2) Student-t ν = 2). With ρ ≡ 1 this is Lemma 3.7:
 *     E[X_t] = e^{−at}X₀ and Cov[X_t] = (M_t − e^{−2at})X₀² + q/(2a + b)·(1 − M_t), M_t = e^{−(2a+b)t}.</li>
 * <li>SGD (footnote 5; Eq. 8 of seed 002): a = λ, b = 0, q = (η/N)σ² (Lemma 3.8:
 *     Cov[X_t] = (η/2)σ²/λ·(1 − e^{−2λt}) for N = 1).</li>
 * </ul>
 * With a scheduler the linear ODEs are integrated with the exponential midpoint rule (exact for ρ
 * constant over a substep). E[f(X_t)] = Σⱼ λⱼE[Xⱼ²]/2.
 *
 * <p>The domain of the Phase 3 SDE: its diffusion √(q − bX²) is real only for bX² ≤ q, i.e.
 * |X| ≤ 1/a (|κλX/σ| ≤ 1, the linearised |Y| ≤ 1 of Lemma 3.4), and the simulated SDE takes
 * √(max(0, q − bX²)). From a point x₀ outside that interval the diffusion is 0, so X moves
 * deterministically with the drift, X_t = x₀e^{−a∫ρ}, until |X| = √(q/b); the interval is invariant
 * afterwards (the diffusion vanishes on its boundary and the drift points inward), and the moment
 * ODEs above hold from there. Lemma 3.7's formula applied from such an x₀ instead subtracts the
 * negative diffusion variance bX² − q and draws a negative variance ((M_t − e^{−2at})x₀² dominates
 * q/(2a + b)·(1 − M_t) for small t); the moments here follow the deterministic segment first. Inside
 * the interval the formula's variance is ≥ 0 at all times.
 */
public final class QuadraticMoments {
    private final double[] lambda;
    private final double[] a;
    private final double[] b;
    private final double[] q;

    private QuadraticMoments(double[] lambda, double[] a, double[] b, double[] q) {
        this.lambda = lambda;
        this.a = a;
        this.b = b;
        this.q = q;
    }

    /** SignSGD's Phase 3 SDE with slope κ, step η, N agents; σ per coordinate (1 value or d). */
    public static QuadraticMoments signPhase3(double[] lambda, double[] sigma, double kappa, double eta, int agents) {
        final int d = lambda.length;
        final double[] a = new double[d], b = new double[d], q = new double[d];
        for (int j = 0; j < d; j++) {
            final double s = sigma.length == 1 ? sigma[0] : sigma[j];
            a[j] = kappa * lambda[j] / s;
            b[j] = eta / agents * a[j] * a[j];
            q[j] = eta / agents;
        }
        return new QuadraticMoments(lambda.clone(), a, b, q);
    }

    /** SGD's SDE with Gaussian noise σ (Lemma 3.8), step η, N agents. */
    public static QuadraticMoments sgd(double[] lambda, double[] sigma, double eta, int agents) {
        final int d = lambda.length;
        final double[] a = new double[d], b = new double[d], q = new double[d];
        for (int j = 0; j < d; j++) {
            final double s = sigma.length == 1 ? sigma[0] : sigma[j];
            a[j] = lambda[j];
            q[j] = eta / agents * s * s;
        }
        return new QuadraticMoments(lambda.clone(), a, b, q);
    }

    public int dim() { return lambda.length; }

    /**
     * Moments at time t with ρ ≡ 1 (closed form, Lemma 3.7 / 3.8): {mean, variance}; from outside the
     * Phase 3 interval, the deterministic segment first (class comment).
     */
    public double[] at(int j, double x0, double t) {
        final double tIn = entryTime(j, x0, 1);
        if (t <= tIn) {
            return new double[] {Math.exp(-a[j] * t) * x0, 0};
        }
        final double start = tIn > 0 ? Math.copySign(Math.sqrt(q[j] / b[j]), x0) : x0;
        final double s = t - tIn;
        final double m = Math.exp(-a[j] * s) * start;
        final double c = 2 * a[j] + b[j];
        final double e = Math.exp(-c * s);
        final double second = e * start * start + q[j] / c * (1 - e);
        return new double[] {m, second - m * m};
    }

    /**
     * The time the deterministic X_t = x·e^{−aρt} (ρ constant) takes to reach the Phase 3 interval
     * |X| ≤ √(q/b) of coordinate j: 0 when x is inside it (or b = 0, SGD), else ln(|x|·√(b/q))/(aρ).
     */
    private double entryTime(int j, double x, double rho) {
        if (!(b[j] > 0) || b[j] * x * x <= q[j]) {
            return 0;
        }
        return Math.log(Math.abs(x) * Math.sqrt(b[j] / q[j])) / (a[j] * rho);
    }

    /** Stationary variance q/(2a + b) of coordinate j (Lemma 3.7: (η/2)(√(2/π) + ηλ/(πσ))⁻¹σ/λ). */
    public double stationaryVariance(int j) {
        return q[j] / (2 * a[j] + b[j]);
    }

    /**
     * Moments on a time grid with scheduler ρ, starting at time {@code t0} from the point
     * {@code x0} (deterministic): returns [3][d][n] = {mean, variance, second moment} at each
     * {@code times[i]} ≥ t0 (times ascending); {@code substep} bounds the integration step.
     */
    public double[][][] integrate(double[] x0, double t0, double[] times, DoubleUnaryOperator rho, double substep) {
        final int d = lambda.length;
        final double[][][] out = new double[3][d][times.length];
        final double[] m = x0.clone();
        final double[] s = new double[d];
        final boolean[] outside = new boolean[d]; // a point mass outside the Phase 3 interval (class comment)
        for (int j = 0; j < d; j++) {
            s[j] = x0[j] * x0[j];
            outside[j] = entryTime(j, x0[j], 1) > 0;
        }
        double t = t0;
        for (int i = 0; i < times.length; i++) {
            final double target = Math.max(times[i], t0);
            while (t < target) {
                final double h = Math.min(substep, target - t);
                final double r = rho.applyAsDouble(t + h / 2);
                for (int j = 0; j < d; j++) {
                    double rest = h;
                    if (outside[j]) { // deterministic until |X| = √(q/b), then the moment ODEs from that point
                        final double tIn = r > 0 ? entryTime(j, m[j], r) : Double.POSITIVE_INFINITY;
                        if (tIn >= h) {
                            m[j] *= Math.exp(-a[j] * r * h);
                            s[j] = m[j] * m[j];
                            continue;
                        }
                        m[j] = Math.copySign(Math.sqrt(q[j] / b[j]), m[j]);
                        s[j] = m[j] * m[j];
                        outside[j] = false;
                        rest = h - tIn;
                    }
                    m[j] *= Math.exp(-a[j] * r * rest);
                    final double c = 2 * a[j] * r + b[j] * r * r;
                    final double e = Math.exp(-c * rest);
                    s[j] = s[j] * e + (c == 0 ? q[j] * r * r * rest : q[j] * r * r / c * (1 - e));
                }
                t += h;
            }
            for (int j = 0; j < d; j++) {
                out[0][j][i] = m[j];
                out[1][j][i] = s[j] - m[j] * m[j];
                out[2][j][i] = s[j];
            }
        }
        return out;
    }

    /** E[f(X)] = Σⱼ λⱼE[Xⱼ²]/2 from the second moments of {@link #integrate}. */
    public double[] loss(double[][][] moments) {
        final int n = moments[2][0].length;
        final double[] l = new double[n];
        for (int j = 0; j < lambda.length; j++) {
            for (int i = 0; i < n; i++) {
                l[i] += lambda[j] * moments[2][j][i] / 2;
            }
        }
        return l;
    }
}

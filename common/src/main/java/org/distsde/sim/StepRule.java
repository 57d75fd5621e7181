package org.distsde.sim;

import java.io.Serializable;
import org.distsde.config.ExperimentConfig;
import org.distsde.config.NormalizationKind;
import org.distsde.config.NormalizationSpec;
import org.distsde.objective.Smoothness;
import org.distsde.optim.Optimizer;
import org.distsde.optim.Optimizers;
import org.distsde.schedule.Schedule;

/**
 * The learning rate of a step, shared by the optimizer ({@link Simulation}) and its SDE: η·ηₖ
 * (Section 4's product parametrisation) times the normalization of the config —
 * none; 1/max(floor, ‖∇f(x_k)‖) per run; or the ceiling of the optimizer's theorem (Eq. 1 for
 * DSGD, Eq. 5 for DCSGD) with E‖∇f‖ over the runs (Eq. 26 / 45) or, per run, the run's own
 * ‖∇f‖ (Eq. 21 / 43).
 */
public final class StepRule implements Serializable {
    private static final long serialVersionUID = 1L;
    private final double eta;
    private final Schedule schedule;
    private final NormalizationSpec norm;
    private final Optimizer method;
    private final NormalizationKind kind;
    private final AgentAverages averages;
    private final Smoothness smooth;
    private final int d;

    public StepRule(ExperimentConfig cfg, AgentAverages averages) {
        this.eta = cfg.eta();
        this.schedule = cfg.schedule().build();
        this.norm = cfg.normalization();
        this.method = Optimizers.of(cfg);
        this.kind = norm.kind();
        this.averages = averages;
        this.smooth = cfg.smoothnessPair();
        this.d = cfg.buildObjective().dim();
    }

    /** The scheduler ηₖ at iteration index k (fractional for SDE times t/η). */
    public double schedule(double k) {
        return schedule.at(k);
    }

    /** The optimizer's learning-rate ceiling (Eq. 1 for DSGD, Eq. 5 for DCSGD) at the given gradient norm. */
    public double ceiling(double gradNorm) {
        return method.ceiling(averages, smooth.l0(), smooth.l1(), d, norm.epsilon(), gradNorm);
    }

    /**
     * As {@link #rates} for all of {@code lr[0 .. n)}, alive or not (the structure-of-arrays SDE
     * engine keeps diverged paths at a finite state and masks them itself): the same arithmetic
     * per element, in loops without a branch on the path.
     */
    public void ratesAll(double k, double[] gn2, int n, double meanGradNorm, double[] lr) {
        final double base = eta * schedule.at(k);
        switch (kind) {
            case GRAD_NORM -> {
                final double floor = norm.floor(), power = norm.power();
                if (power != 1) { // a partial degree of normalization: max(floor, ‖∇f‖)^power
                    for (int r = 0; r < n; r++) {
                        final double den = Math.max(floor, Math.sqrt(gn2[r]));
                        lr[r] = den > 0 ? base / Math.pow(den, power) : base;
                    }
                } else if (floor > 0) { // den ≥ floor > 0 (or NaN on a diverged path): one division, no branch
                    for (int r = 0; r < n; r++) {
                        lr[r] = base / Math.max(floor, Math.sqrt(gn2[r]));
                    }
                } else {
                    for (int r = 0; r < n; r++) {
                        final double den = Math.max(floor, Math.sqrt(gn2[r]));
                        lr[r] = den > 0 ? base / den : base;
                    }
                }
            }
            case THEOREM -> {
                final boolean perRun = !norm.couplesRuns();
                final double cap = perRun ? Double.POSITIVE_INFINITY : ceiling(meanGradNorm);
                for (int r = 0; r < n; r++) {
                    lr[r] = Math.min(base, perRun ? ceiling(Math.sqrt(gn2[r])) : cap);
                }
            }
            default -> java.util.Arrays.fill(lr, 0, n, base);
        }
    }

    /**
     * Writes the learning rate of every alive run at iteration index k.
     *
     * @param meanGradNorm E‖∇f‖ over the alive runs (used by the coupled "theorem" normalization)
     */
    public void rates(double k, double[] gn2, boolean[] alive, double meanGradNorm, double[] lr) {
        final double base = eta * schedule.at(k);
        final boolean theorem = kind == NormalizationKind.THEOREM;
        final boolean perRun = theorem && !norm.couplesRuns();
        final double cap = theorem && !perRun ? ceiling(meanGradNorm) : Double.POSITIVE_INFINITY;
        switch (kind) { // hoisted: one branch per call, not per run
            case GRAD_NORM -> {
                final double floor = norm.floor(), power = norm.power();
                for (int r = 0; r < lr.length; r++) {
                    if (alive[r]) {
                        final double den = Math.max(floor, Math.sqrt(gn2[r]));
                        lr[r] = den > 0 ? base / (power == 1 ? den : Math.pow(den, power)) : base;
                    }
                }
            }
            case THEOREM -> {
                for (int r = 0; r < lr.length; r++) {
                    if (alive[r]) {
                        lr[r] = Math.min(base, perRun ? ceiling(Math.sqrt(gn2[r])) : cap);
                    }
                }
            }
            default -> {
                for (int r = 0; r < lr.length; r++) {
                    if (alive[r]) {
                        lr[r] = base;
                    }
                }
            }
        }
    }
}

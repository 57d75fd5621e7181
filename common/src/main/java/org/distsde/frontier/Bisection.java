package org.distsde.frontier;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Bisection for the stability frontier at several grid points at once: the largest value v of a
 * parameter at which at most a fraction p of the runs diverge. Every grid point g has its own
 * bracket [lo_g, hi_g]; one {@link Evaluator} call (one Spark job) evaluates the probes of all grid
 * points together.
 *
 * <p>First the two ends of every bracket are evaluated (one call with 2G probes): a grid point
 * whose lower end already has more than p diverged is {@link Status#BELOW_LO}, one whose upper end
 * has at most p is {@link Status#ABOVE_HI} (both: {@link Status#NOT_MONOTONE}); these take no
 * further probes. Then {@code steps} times, each bracketed point is probed at the geometric
 * midpoint √(lo·hi) (bisection on a log scale) and the midpoint replaces lo when its diverged
 * fraction is ≤ p ("stable"), else hi. Invariant: lo is always an evaluated stable point and hi an
 * evaluated unstable one, so after B steps hi/lo = (hi₀/lo₀)^(1/2^B).
 *
 * <p>Noise: the diverged fraction is a Monte Carlo estimate and monotone in the parameter only in
 * expectation. Each step decides on the point estimate alone (no repeated sampling); the caller
 * uses common random numbers (the same seed at every probe), which makes the estimate nearly
 * monotone, and reports the final bracket with a confidence interval of the diverged fraction at
 * both ends ({@link BinomialInterval}), from which a reader sees whether p is statistically
 * separated at the ends.
 */
public final class Bisection {
    private Bisection() { }

    /** Runs diverged out of runs at one probe. */
    public record Outcome(int diverged, int runs) implements Serializable {
        public Outcome {
            if (runs < 1 || diverged < 0 || diverged > runs) {
                throw new IllegalArgumentException("need 0 <= diverged <= runs, runs >= 1 (got " + diverged + "/"
                        + runs + ")");
            }
        }

        public double fraction() {
            return (double) diverged / runs;
        }
    }

    /** Grid point {@code point} at parameter value {@code value}. */
    public record Probe(int point, double value) implements Serializable { }

    /** Evaluates probes together (one Spark job); outcomes in the order of the probes. */
    @FunctionalInterface
    public interface Evaluator {
        List<Outcome> evaluate(List<Probe> probes) throws Exception;
    }

    /** Where a grid point's frontier lies relative to its initial bracket. */
    public enum Status {
        /** lo₀ stable, hi₀ unstable: bisected. */
        BRACKETED("bracketed"),
        /** lo₀ already unstable: the frontier is below lo₀. */
        BELOW_LO("below-lo"),
        /** hi₀ still stable: the frontier is above hi₀. */
        ABOVE_HI("above-hi"),
        /** lo₀ unstable and hi₀ stable: not monotone over the bracket. */
        NOT_MONOTONE("not-monotone");

        private final String id;

        Status(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /** One evaluated probe of a grid point: the call (job) it was in, its value, its outcome. */
    public record Step(int job, double value, Outcome outcome, boolean stable) implements Serializable { }

    /**
     * A grid point's result. For {@link Status#BRACKETED}, [lo, hi] is the final bracket with lo
     * stable and hi unstable; otherwise lo and hi are the initial ends. {@code atLo} and
     * {@code atHi} are the outcomes there.
     */
    public record Result(int point, Status status, double lo, double hi, Outcome atLo, Outcome atHi,
                         List<Step> trace, boolean linear) implements Serializable {
        public Result(int point, Status status, double lo, double hi, Outcome atLo, Outcome atHi, List<Step> trace) {
            this(point, status, lo, hi, atLo, atHi, trace, false);
        }

        /** The frontier estimate, the bracket's {@link #midpoint} (bracketed only; NaN otherwise). */
        public double estimate() {
            return status == Status.BRACKETED ? midpoint(lo, hi, linear) : Double.NaN;
        }
    }

    /** The final hi/lo ratio of a bracketed point after {@code steps} log-scale bisection steps. */
    public static double resolution(double lo, double hi, int steps) {
        return Math.exp(Math.log(hi / lo) / Math.pow(2, steps));
    }

    /** The bisection's midpoint: geometric (log scale), or arithmetic for a parameter that stabilises as it grows. */
    public static double midpoint(double lo, double hi, boolean linear) {
        return linear ? 0.5 * (lo + hi) : Math.sqrt(lo * hi);
    }

    /**
     * @param lo    lower ends, one per grid point (&gt; 0)
     * @param hi    upper ends (&gt; lo)
     * @param steps bisection steps B ≥ 1
     * @param p     the largest diverged fraction counted as stable, in [0, 1)
     * @return per grid point, in grid order; the evaluator was called 1 + B times at most
     */
    public static List<Result> run(double[] lo, double[] hi, int steps, double p, Evaluator eval) throws Exception {
        return run(lo, hi, steps, p, false, eval);
    }

    /**
     * As {@link #run(double[], double[], int, double, Evaluator)}; with {@code stableAbove} the
     * parameter stabilises as it grows (a degree of normalization): the frontier is the smallest
     * stable value, hi is the stable end and lo the unstable one (a grid point already stable at lo₀
     * is {@link Status#BELOW_LO}, one still unstable at hi₀ {@link Status#ABOVE_HI}); the bracket may
     * start at lo = 0 and its midpoints are arithmetic.
     */
    public static List<Result> run(double[] lo, double[] hi, int steps, double p, boolean stableAbove, Evaluator eval)
            throws Exception {
        final int g = lo.length;
        if (hi.length != g || g == 0) {
            throw new IllegalArgumentException("lo and hi must have the same, positive length");
        }
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1 (got " + steps + ")");
        }
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("p must be in [0, 1) (got " + p + ")");
        }
        final double[] a = lo.clone(), b = hi.clone();
        for (int i = 0; i < g; i++) {
            if (!(a[i] >= 0 && b[i] > a[i] && Double.isFinite(b[i])) || (a[i] == 0 && !stableAbove)) {
                throw new IllegalArgumentException("need 0 < lo < hi < infinity at grid point " + i + " (got [" + a[i]
                        + ", " + b[i] + "])");
            }
        }
        final List<List<Step>> trace = new ArrayList<>();
        final Outcome[] atA = new Outcome[g], atB = new Outcome[g];
        final List<Probe> ends = new ArrayList<>();
        for (int i = 0; i < g; i++) {
            trace.add(new ArrayList<>());
            ends.add(new Probe(i, a[i]));
            ends.add(new Probe(i, b[i]));
        }
        final List<Outcome> e = checked(eval.evaluate(ends), ends.size());
        final Status[] status = new Status[g];
        for (int i = 0; i < g; i++) {
            atA[i] = e.get(2 * i);
            atB[i] = e.get(2 * i + 1);
            final boolean loStable = atA[i].fraction() <= p, hiStable = atB[i].fraction() <= p;
            trace.get(i).add(new Step(0, a[i], atA[i], loStable));
            trace.get(i).add(new Step(0, b[i], atB[i], hiStable));
            if (stableAbove) {
                status[i] = !loStable && hiStable ? Status.BRACKETED : loStable && !hiStable ? Status.NOT_MONOTONE
                        : loStable ? Status.BELOW_LO : Status.ABOVE_HI;
            } else {
                status[i] = loStable && !hiStable ? Status.BRACKETED : !loStable && hiStable ? Status.NOT_MONOTONE
                        : loStable ? Status.ABOVE_HI : Status.BELOW_LO;
            }
        }
        for (int s = 1; s <= steps; s++) {
            final List<Probe> probes = new ArrayList<>();
            for (int i = 0; i < g; i++) {
                if (status[i] == Status.BRACKETED) {
                    probes.add(new Probe(i, midpoint(a[i], b[i], stableAbove)));
                }
            }
            if (probes.isEmpty()) {
                break;
            }
            final List<Outcome> o = checked(eval.evaluate(probes), probes.size());
            for (int j = 0; j < probes.size(); j++) {
                final int i = probes.get(j).point();
                final double m = probes.get(j).value();
                final boolean stable = o.get(j).fraction() <= p;
                trace.get(i).add(new Step(s, m, o.get(j), stable));
                if (stable != stableAbove) { // the stable end moves: lo normally, hi when stability grows with the value
                    a[i] = m;
                    atA[i] = o.get(j);
                } else {
                    b[i] = m;
                    atB[i] = o.get(j);
                }
            }
        }
        final List<Result> out = new ArrayList<>();
        for (int i = 0; i < g; i++) {
            out.add(new Result(i, status[i], a[i], b[i], atA[i], atB[i], List.copyOf(trace.get(i)), stableAbove));
        }
        return out;
    }

    private static List<Outcome> checked(List<Outcome> o, int n) {
        if (o == null || o.size() != n) {
            throw new IllegalStateException("the evaluator returned " + (o == null ? "null" : o.size() + " outcomes")
                    + " for " + n + " probes");
        }
        return o;
    }
}

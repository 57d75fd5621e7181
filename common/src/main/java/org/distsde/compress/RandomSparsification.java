package org.distsde.compress;

import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.distsde.rng.KeyedStream;

/**
 * Unbiased random sparsification: keep each coordinate independently with probability p and
 * rescale it by 1/p. E[C(v)] = v and E‖C(v) − v‖² = (1/p − 1)‖v‖², so ω = 1/p − 1 (seeds README);
 * E[C(v)ⱼ²] = vⱼ²/p and, the masks being independent, E[C(v)ⱼC(v)ₖ] = vⱼvₖ (j ≠ k): the second
 * moment is {@link SecondMoment.Linear}(1/p, 1), and Eq. 28's E[ΦΦᵀ] = ω·diag((∇f)² + diag Σ).
 * A kept coordinate costs 64 bits of value plus ⌈log₂ d⌉ bits of index.
 *
 * <p>In a kernel ({@link #addCompressed}) the d keep/drop decisions are drawn first, then the noise
 * of the kept coordinates only: the mask does not depend on v, so this is exact in distribution.
 *
 * <p>Config ({@code compression.type random-sparsification}): exactly one of {@code p} (the keep
 * probability), {@code omega} (p = 1/(1 + ω)) or {@code agentOmegas} (one ωᵢ per agent).
 */
public final class RandomSparsification implements Compressor {
    private static final long serialVersionUID = 1L;

    /** {@code compression.type random-sparsification}: {@code p}, {@code omega} or {@code agentOmegas}. */
    public static final CompressorFactory FACTORY = new CompressorFactory() {
        private static final long serialVersionUID = 1L;

        @Override public String type() { return "random-sparsification"; }

        @Override
        public Map<String, Shape> parameters() {
            return Map.of("p", Shape.NUMBER, "omega", Shape.NUMBER, "agentOmegas", Shape.NUMBERS);
        }

        @Override
        public void check(Arguments a) {
            final int given = (a.has("p") ? 1 : 0) + (a.has("omega") ? 1 : 0) + (a.has("agentOmegas") ? 1 : 0);
            if (given != 1) {
                throw new IllegalArgumentException("compression needs exactly one of " + a.field("p") + ", "
                        + a.field("omega") + ", " + a.field("agentOmegas"));
            }
            if (a.has("p")) {
                checkP(a.field("p"), a.number("p"));
            }
            if (a.has("omega")) {
                checkOmega(a.field("omega"), a.number("omega"));
            }
            if (a.has("agentOmegas")) {
                final double[] w = a.numbers("agentOmegas");
                if (w.length == 0) {
                    throw new IllegalArgumentException(a.field("agentOmegas") + " must not be empty");
                }
                for (int i = 0; i < w.length; i++) {
                    checkOmega(w.length == 1 ? a.field("agentOmegas") : a.field("agentOmegas") + "[" + i + "]", w[i]);
                }
            }
        }

        @Override
        public void checkAgents(Arguments a, int agents) {
            if (a.has("agentOmegas") && a.numbers("agentOmegas").length != agents) {
                throw new IllegalArgumentException(a.field("agentOmegas") + " must have N = " + agents
                        + " values (got " + a.numbers("agentOmegas").length + ")");
            }
        }

        @Override
        public boolean homogeneous(Arguments a) {
            return !a.has("agentOmegas");
        }

        /** {@code omega} itself (p = 1/(1 + ω) exactly). */
        @Override
        public Arguments withOmega(Arguments a, double omega, int d) {
            return Arguments.of(a.path(), "omega", omega);
        }

        @Override
        public Compressor build(Arguments a, int agent) {
            if (a.has("agentOmegas")) {
                return ofOmega(a.numbers("agentOmegas")[agent]);
            }
            return a.has("p") ? new RandomSparsification(a.number("p")) : ofOmega(a.number("omega"));
        }
    };

    private final double p;

    public RandomSparsification(double p) {
        checkP("compression.p", p);
        this.p = p;
    }

    private static void checkP(String field, double p) {
        if (!(p > 0 && p <= 1)) {
            throw new IllegalArgumentException(field + " must be in (0, 1] (got " + p + ")");
        }
    }

    private static void checkOmega(String field, double omega) {
        if (!(omega >= 0) || Double.isInfinite(omega)) {
            throw new IllegalArgumentException(field + " must be finite and >= 0 (got " + omega + ")");
        }
    }

    /** The sparsifier with ω = 1/p − 1, i.e. p = 1/(1 + ω). */
    public static RandomSparsification ofOmega(double omega) {
        checkOmega("compression.omega", omega);
        return new RandomSparsification(1 / (1 + omega));
    }

    public double p() { return p; }

    /** ω = 1/p − 1. */
    public double omega() { return 1 / p - 1; }

    @Override
    public void compress(double[] v, int off, int d, UniformRandomProvider rng, double[] out, int outOff) {
        final double inv = 1 / p;
        for (int j = 0; j < d; j++) {
            out[outOff + j] = rng.nextDouble() < p ? v[off + j] * inv : 0;
        }
    }

    /**
     * First the d keep/drop decisions ({@link KeyedStream#keep} compacts the kept indices without a
     * data-dependent branch), then the kept coordinates of v only, in index order, each added as
     * vⱼ/p. u &lt; p with u = m·2⁻⁵³ the uniform of nextDouble (m = the top 53 bits of a draw) is
     * m &lt; p·2⁵³, i.e. m &lt; ⌈p·2⁵³⌉ for an integer m: the same decisions as {@link #compress}.
     */
    @Override
    public void addCompressed(NoisyVector v, int d, KeyedStream rng, Workspace w, double[] acc, int off) {
        final double inv = 1 / p;
        final int[] idx = w.idx;
        final int n = rng.keep(d, (long) Math.ceil(p * 0x1.0p53), idx);
        v.selected(idx, n, w.v);
        final double[] kept = w.v;
        for (int q = 0; q < n; q++) {
            acc[off + idx[q]] += kept[q] * inv;
        }
    }

    @Override public Compression compression(int d) { return new Compression.Unbiased(omega()); }

    /** E[C(v)ⱼ²] = vⱼ²/p, E[C(v)ⱼC(v)ₖ] = vⱼvₖ (independent masks). */
    @Override public SecondMoment secondMoment(int d) { return new SecondMoment.Linear(1 / p, 1); }

    @Override
    public double expectedBits(int d) {
        return sentCoordinates(d) * (Bits.VALUE + Bits.index(d));
    }

    /** p·d kept on average. */
    @Override public double sentCoordinates(int d) { return p * d; }

    @Override public String describe() { return "random-sparsification(p=" + p + ", omega=" + omega() + ")"; }
}

package org.distsde.verify.check;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.distsde.compress.Compressor;
import org.distsde.config.CompressionSpec;
import org.distsde.rng.KeyedStream;
import org.distsde.theory.Verdict;
import org.distsde.verify.Check;
import org.distsde.verify.Evidence;
import org.distsde.verify.Family;
import org.distsde.verify.Need;
import org.distsde.verify.Outcome;

/**
 * The compressor properties of seed 002 Section 3 for the compressor a compression spec builds:
 * (i) E C(v) = v and (ii) E‖C(v) − v‖² ≤ ω‖v‖² (= for random sparsification, {@code equality}), by
 * Monte Carlo over n draws of C(v) for a fixed v with unequal entries of both signs, each draw from the
 * keyed stream (seed, CHECK, draw). (i): every coordinate's mean against vⱼ within k·SE (k family-wise
 * over the d coordinates; measured/predicted: the coordinate with the largest |z|); (ii): the mean
 * squared error against ω‖v‖² (a bound, or an equality). Another compressor is one more catalogue
 * entry with its spec.
 *
 * @param spec      the compressor (e.g. random sparsification with ω = 3)
 * @param variance  false: property (i), true: property (ii)
 * @param equality  for (ii): equality (random sparsification) instead of the bound
 * @param draws     n
 */
public record CompressorProperty(CompressionSpec spec, boolean variance, boolean equality, int draws) implements Check {
    static final double[] V = {1.5, -0.7, 0.2, 3.0, -2.2, 0.05, -1.0, 0.8};

    @Override
    public Set<Need> needs() {
        return Set.of();
    }

    @Override
    public Outcome evaluate(List<Evidence> series, Family family) {
        final Compressor c = spec.build();
        final int d = V.length;
        final double[] out = new double[d], sum = new double[d], sum2 = new double[d];
        double e = 0, e2 = 0;
        final KeyedStream rng = new KeyedStream(2025, KeyedStream.Purpose.CHECK);
        for (int i = 0; i < draws; i++) {
            rng.at(i, 0, 0);
            c.compress(V, 0, d, rng, out, 0);
            double sq = 0;
            for (int j = 0; j < d; j++) {
                sum[j] += out[j];
                sum2[j] += out[j] * out[j];
                sq += (out[j] - V[j]) * (out[j] - V[j]);
            }
            e += sq;
            e2 += sq * sq;
        }
        double vv = 0;
        for (double x : V) {
            vv += x * x;
        }
        if (variance) {
            final double mean = e / draws, se = Math.sqrt(Math.max(0, e2 / draws - mean * mean) / (draws - 1));
            final double k = family.k(1);
            final String notes = String.format(Locale.ROOT, "E|C(v) - v|^2 over %d draws against omega |v|^2 = %.4g x "
                    + "%.4g (%s)", draws, c.compression(d).omega(), vv, c.describe());
            return equality ? Outcome.equal(mean, c.compression(d).omega() * vv, se, 0, k, notes)
                    : Outcome.bound(mean, c.compression(d).omega() * vv, se, 0, k, notes);
        }
        final double k = family.k(d);
        double worstZ = -1;
        double[] w = null;
        for (int j = 0; j < d; j++) {
            final double m = sum[j] / draws, se = Math.sqrt(Math.max(0, sum2[j] / draws - m * m) / (draws - 1));
            final double z = Math.abs(m - V[j]) / se;
            if (z > worstZ) {
                worstZ = z;
                w = new double[] {m, V[j], se, j};
            }
        }
        final Verdict v = worstZ > k ? Verdict.VIOLATED : k * w[2] <= 0.1 * Math.abs(w[1]) ? Verdict.HOLDS
                : Verdict.UNRESOLVED;
        return Outcome.of(v, w[0], w[1], w[2], 0, k, String.format(Locale.ROOT, "E C(v)_j over %d draws against v_j, "
                + "d = %d coordinates, largest deviation %.2f SE at j = %d (%s)", draws, d, worstZ, (int) w[3] + 1,
                c.describe()));
    }
}

package org.distsde.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.distsde.compress.TopK;
import org.distsde.config.ConfigException;
import org.distsde.config.ExperimentConfig;
import org.distsde.sim.AgentWorker;
import org.distsde.sim.LocalAggregator;
import org.distsde.sim.RoundStats;
import org.distsde.sim.Simulation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * EF21 and DIANA ({@link ShiftedMessages}): the law of one agent's message and shift update from a
 * given shift against the closed form, the identity limit, the default and configured shift rate,
 * and EF21 with top-k converging on agents holding different data where the shifts are needed.
 */
class ShiftedCompressionTest {
    static final double ETA = 0.1, S0 = 0.6, S1 = 0.4;
    static final double[] G = {0.8, -1.5, 0.3, 1.1};       // ∇f at the point (the kernel takes it as given)
    static final double[] H = {0.5, 0.4, -0.9, 1.0};       // the agent's shift before the round

    static ExperimentConfig config(String optimizer, String compression, int runs) {
        return RefactoringInvarianceTest.config("\"optimizer\":\"" + optimizer + "\",\"agents\":1,\"eta\":0.1,"
                + "\"objective\":{\"type\":\"quartic\",\"dim\":4},\"x0\":[1.0],"
                + "\"noise\":{\"type\":\"gaussian\",\"sigma0\":" + S0 + ",\"sigma1\":" + S1 + "},"
                + "\"compression\":" + compression + ",\"sde\":{\"enabled\":false}",
                List.of("runs=" + runs));
    }

    /**
     * One round of one agent from shift H at gradient G, over 200 000 runs (independent streams):
     * the message m = h + C(g − h) has mean ∇f and covariance S = diag(aΣ + (a − b)u²) − (1 − b)uuᵀ
     * with u = ∇f − h, Σ = σ0² + σ1²‖∇f‖² (written here from the definitions, rand-k's a = d/k,
     * b = d(k − 1)/(k(d − 1)), random sparsification's a = 1/p, b = 1), and the new shift
     * h + α(m − h) has mean h + α(∇f − h). 5 standard errors. Catches: the message sent without the
     * shift (mean u instead of ∇f), the shift updated by C(g) instead of C(g − h), α applied to the
     * message, the noise of an uncompressed g (no a·Σ), rand-k's competition term (1 − b)uuᵀ missing.
     */
    @ParameterizedTest
    @ValueSource(strings = {"ef21 rand-k", "diana rand-k", "diana random-sparsification"})
    void oneRoundFromAShiftHasTheClosedFormLaw(String which) {
        final String[] w = which.split(" ");
        final int d = G.length, runs = 200_000;
        final boolean randK = w[1].equals("rand-k");
        final String comp = randK ? "{\"type\":\"rand-k\",\"k\":3}" : "{\"type\":\"random-sparsification\",\"p\":0.6}";
        final ExperimentConfig c = config(w[0], comp, runs);
        final double alpha = w[0].equals("ef21") ? 1 : Diana.alpha(c);
        final double a = randK ? d / 3.0 : 1 / 0.6, b = randK ? d * 2.0 / (3 * (d - 1.0)) : 1;
        final AgentWorker worker = new AgentWorker(c);
        final double[] grads = new double[runs * d], gn2 = new double[runs], acc = new double[runs * d];
        final double[] mem = new double[runs * d];
        double g2 = 0;
        for (double x : G) {
            g2 += x * x;
        }
        for (int r = 0; r < runs; r++) {
            System.arraycopy(G, 0, grads, r * d, d);
            System.arraycopy(H, 0, mem, r * d, d);
            gn2[r] = g2;
        }
        final boolean[] active = new boolean[runs];
        Arrays.fill(active, true);
        worker.accumulate(0, 1, 0, 0, null, grads, gn2, active, acc, mem, 0);
        final double sigma = S0 * S0 + S1 * S1 * g2;
        final double[] u = new double[d];
        for (int j = 0; j < d; j++) {
            u[j] = G[j] - H[j];
        }
        for (int j = 0; j < d; j++) {
            final double[] m = column(acc, d, j), h = column(mem, d, j);
            assertEquals(G[j], mean(m), 5 * se(m), which + " E m_" + j);
            assertEquals(H[j] + alpha * (G[j] - H[j]), mean(h), 5 * se(h), which + " E h+_" + j);
            for (int l = 0; l < d; l++) {
                final double[] ml = column(acc, d, l);
                final double[] prod = new double[runs];
                final double mj = mean(m), mlm = mean(ml);
                for (int r = 0; r < runs; r++) {
                    prod[r] = (m[r] - mj) * (ml[r] - mlm);
                }
                final double s = (j == l ? a * sigma + (a - b) * u[j] * u[j] : 0) - (1 - b) * u[j] * u[l];
                assertEquals(s, mean(prod), 5 * se(prod), which + " Cov(m_" + j + ", m_" + l + ")");
            }
        }
    }

    static double[] column(double[] a, int d, int j) {
        final double[] c = new double[a.length / d];
        for (int r = 0; r < c.length; r++) {
            c[r] = a[r * d + j];
        }
        return c;
    }

    static double mean(double[] a) {
        double s = 0;
        for (double x : a) {
            s += x;
        }
        return s / a.length;
    }

    static double se(double[] a) {
        final double m = mean(a);
        double s = 0;
        for (double x : a) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / (a.length - 1) / a.length);
    }

    /**
     * With the identity the shifts do not change the messages: h + (g − h) = g up to rounding, so
     * EF21 and DIANA follow DSGD (same draws: g drawn whole in index order); the rows agree to
     * 1e-9 relative. Catches a kernel that sends C(g − h) alone or doubles the shift.
     */
    @ParameterizedTest
    @ValueSource(strings = {"ef21", "diana"})
    void withTheIdentityTheyFollowDsgd(String optimizer) {
        final String body = RefactoringInvarianceTest.cases().get("dsgd-student-gradnorm-power");
        final List<RoundStats> dsgd = rows(RefactoringInvarianceTest.config(body + ",\"sde\":{\"enabled\":false}"));
        final List<RoundStats> shifted = rows(RefactoringInvarianceTest.config(body.replace("\"optimizer\":\"dsgd\"",
                "\"optimizer\":\"" + optimizer + "\"") + ",\"sde\":{\"enabled\":false}"));
        assertEquals(dsgd.size(), shifted.size());
        for (int i = 0; i < dsgd.size(); i++) {
            final double a = dsgd.get(i).loss().mean(), s = shifted.get(i).loss().mean();
            assertEquals(a, s, 1e-9 * Math.abs(a), optimizer + " round " + dsgd.get(i).round());
        }
    }

    static List<RoundStats> rows(ExperimentConfig c) {
        return new Simulation(c).run(new LocalAggregator(c), null);
    }

    /**
     * DIANA's α: 1/(1 + max ωᵢ) by default (rand-k, k = 1 of d = 4: ω = 3, α = 1/4), the configured
     * {@code compression.shiftRate} otherwise; a shift rate outside (0, 1] or on another optimizer
     * is refused naming the field.
     */
    @Test
    void dianaShiftRate() {
        assertEquals(0.25, Diana.alpha(config("diana", "{\"type\":\"rand-k\",\"k\":1}", 1)), 1e-15);
        assertEquals(0.1, Diana.alpha(config("diana", "{\"type\":\"rand-k\",\"k\":1,\"shiftRate\":0.1}", 1)), 0.0);
        assertEquals(1.0, Diana.alpha(config("diana", "{\"type\":\"none\"}", 1)), 0.0);
        for (String[] bad : new String[][] {{"diana", "{\"type\":\"rand-k\",\"k\":1,\"shiftRate\":0}"},
            {"diana", "{\"type\":\"rand-k\",\"k\":1,\"shiftRate\":1.5}"},
            {"ef21", "{\"type\":\"top-k\",\"k\":1,\"shiftRate\":0.5}"}}) {
            final ConfigException e = assertThrows(ConfigException.class, () -> config(bad[0], bad[1], 1));
            assertTrue(e.getMessage().contains("compression.shiftRate"), e.getMessage());
        }
    }

    /**
     * EF21 with top-k (k = 1 of 3) on two agents whose shards' gradients differ (least squares,
     * their own full gradients, no noise): the server's mean of the gᵢ tracks Σ∇fᵢ/N, so x reaches
     * the minimizer; plain top-k compressed gradient descent x ← x − (η/N)Σᵢ top-k(∇fᵢ(x)) (computed
     * here from the shards, independently of the kernels) stalls where Σᵢ top-k(∇fᵢ) = 0. The
     * thresholds are the measured gap with a factor 10 of margin each way. Catches the shift not
     * kept (EF21 becomes plain) or the message sent as the difference alone.
     */
    @Test
    void ef21ConvergesWherePlainTopKStalls() {
        final ExperimentConfig c = RefactoringInvarianceTest.config(ErrorFeedbackTest.HETEROGENEOUS
                .replace("\"optimizer\":\"ef-sgd\"", "\"optimizer\":\"ef21\"")
                .replace("\"compression\":{\"type\":\"scaled-sign\"}", "\"compression\":{\"type\":\"top-k\",\"k\":1}"),
                List.of("runs=1", "rounds=3000", "recordEvery=3000"));
        final List<RoundStats> r = rows(c);
        final double ef21 = r.get(r.size() - 1).loss().mean();
        final double plain = ErrorFeedbackTest.plainDescent(c, new TopK(1));
        System.out.printf("EF21 top-1: f - f* = %.3g; plain top-1 descent: %.3g%n", ef21, plain);
        assertTrue(plain > 1e-3, "plain top-k descent must stall away from the minimizer: f - f* = " + plain);
        assertTrue(ef21 < 1e-4 && ef21 < plain / 100, "EF21 must approach the minimizer: f - f* = " + ef21);
    }
}

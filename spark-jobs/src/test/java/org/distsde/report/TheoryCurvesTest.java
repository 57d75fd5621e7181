package org.distsde.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.distsde.config.ConfigLoader;
import org.distsde.config.ExperimentConfig;
import org.distsde.theory.QuadraticLimits;
import org.distsde.theory.QuadraticMoments;
import org.junit.jupiter.api.Test;

class TheoryCurvesTest {
    static ExperimentConfig cfg(String optimizer, String x0, String extra) {
        return ConfigLoader.parse("""
                {"name": "t", "runs": 10, "rounds": 3000, "optimizer": "%s", "agents": 1, "eta": 0.001,
                 "objective": {"type": "quadratic", "h": [1, 2]}, "x0": %s,
                 "noise": {"type": "gaussian", "sigma0": 0.1} %s}
                """.formatted(optimizer, x0, extra), List.of()).first();
    }

    static double[] rounds() {
        final double[] r = new double[31];
        for (int i = 0; i < r.length; i++) {
            r[i] = 100 * i;
        }
        return r;
    }

    @Test
    void inPhase3FromTheStartThePredictionIsLemma37() {
        final var c = cfg("dsignsgd", "[0.01, 0.01]", "");
        final List<TheoryCurves.Curve> lines = TheoryCurves.loss(c, rounds(), true);
        final QuadraticMoments m = QuadraticMoments.signPhase3(new double[] {1, 2}, new double[] {0.1},
                Math.sqrt(2 / Math.PI), 0.001, 1);
        for (int i = 0; i < 31; i++) {
            final double t = 0.1 * i;
            double expect = 0;
            for (int j = 0; j < 2; j++) {
                final double[] mv = m.at(j, 0.01, t);
                expect += (j + 1) * (mv[1] + mv[0] * mv[0]) / 2;
            }
            assertEquals(expect, lines.get(0).y()[i], 1e-9 * expect, "t = " + t);
        }
        // the Phase 3 bound (Eq. 7) starts at t = 0 and lies above the prediction (Lemma 3.5: mu = 1, L = 3)
        final TheoryCurves.Curve p3 = lines.stream().filter(l -> l.name().contains("Phase 3 bound")).findFirst()
                .orElseThrow();
        for (int i = 0; i < p3.y().length; i++) {
            assertTrue(p3.y()[i] >= lines.get(0).y()[i], "Eq. 7 above the exact Phase 3 loss at " + p3.x()[i]);
        }
        assertEquals(QuadraticLimits.phase3Bound(0.5 * 1e-4 + 1e-4, 0.001, 1, 3, 0.1, 3.0), p3.y()[p3.y().length - 1],
                1e-15);
    }

    @Test
    void farFromTheMinimumThePredictionFollowsSignGdThenPhase3() {
        final var c = cfg("dsignsgd", "[1.0, -1.0]", "");
        final List<TheoryCurves.Curve> lines = TheoryCurves.loss(c, rounds(), true);
        final double[] y = lines.get(0).y();
        // t = 0.5: the ODE has moved both coordinates by 0.5: f = (0.25 + 2 * 0.25) / 2
        assertEquals(0.375, y[5], 1e-9);
        // entry into Phase 3 after a distance 1 - sqrt(2) 0.1 / 1 = 0.8586; later the loss tends to Lemma 3.7's limit
        final QuadraticMoments m = QuadraticMoments.signPhase3(new double[] {1, 2}, new double[] {0.1},
                Math.sqrt(2 / Math.PI), 0.001, 1);
        final double limit = (m.stationaryVariance(0) + 2 * m.stationaryVariance(1)) / 2;
        assertEquals(limit, y[30], 0.01 * limit);
        // the Phase 1 bound of Lemma 3.5 lies above SignGD's loss while it is drawn
        final TheoryCurves.Curve p1 = lines.stream().filter(l -> l.name().contains("Phase 1 bound")).findFirst()
                .orElseThrow();
        for (int i = 0; i < p1.y().length; i++) {
            assertTrue(p1.y()[i] >= y[i] - 1e-12, "Phase 1 bound at " + p1.x()[i]);
        }
    }

    @Test
    void sgdPredictionIsLemma38AndItsBoundLemma36() {
        final var c = cfg("dsgd", "[1.0, 1.0]", "");
        final List<TheoryCurves.Curve> lines = TheoryCurves.loss(c, rounds(), true);
        // t = 3: sum_j lambda_j/2 (e^{-2 lambda_j t} + eta sigma^2/(2 lambda_j)(1 - e^{-2 lambda_j t}))
        double expect = 0;
        for (int l = 1; l <= 2; l++) {
            final double e = Math.exp(-2 * l * 3.0);
            expect += l / 2.0 * (e + 0.001 * 0.01 / (2 * l) * (1 - e));
        }
        assertEquals(expect, lines.get(0).y()[30], 1e-6 * expect);
        assertEquals("Lemma 3.6 bound", lines.get(1).name());
        assertTrue(lines.get(1).y()[30] >= lines.get(0).y()[30]);
    }

    @Test
    void noClosedFormNoLines() {
        assertTrue(TheoryCurves.loss(ConfigLoader.parse("""
                {"name": "q", "runs": 1, "rounds": 10, "optimizer": "dsgd", "agents": 1, "eta": 0.1,
                 "objective": {"type": "quartic", "dim": 1}, "x0": [1], "noise": {"type": "gaussian", "sigma0": 1}}
                """, List.of()).first(), rounds(), true).isEmpty());
        assertNull(TheoryCurves.moment(cfg("dsignsgd", "[1, 1]", ", \"sde\": {\"model\": \"phase1\"}"), rounds(), 0,
                false));
    }
}

package org.distsde.sde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.distsde.config.ConfigLoader;
import org.distsde.config.ExperimentConfig;
import org.junit.jupiter.api.Test;

/** Seed 000, Lemma 3.4: the Phase 3 SDE (Eq. 5) and the Phase 1 ODE (Eq. 4) coefficients. */
class DsignPhaseSdeTest {
    static Sde sde(String model) {
        final ExperimentConfig c = ConfigLoader.parse("""
                {"name": "p", "runs": 1, "rounds": 1, "optimizer": "dsignsgd", "agents": 1, "eta": 0.001,
                 "objective": {"type": "quadratic", "h": [1, 2]}, "x0": [0, 0],
                 "noise": {"type": "gaussian", "sigma0": 0.1}, "sde": {"model": "%s"}}
                """.formatted(model), List.of()).first();
        return Sdes.of(c);
    }

    @Test
    void phase3IsTheLinearisedSignDriftOfEq5() {
        final Sde s = sde("phase3");
        final double[] x = {0.01, -0.02}; // grad f = (0.01, -0.04)
        // drift -sqrt(2/pi) grad f / sigma; diffusion sqrt(eta) sqrt(1 - (2/pi)(grad f / sigma)^2)
        final double[] drift = {-0.07978845608028654, 0.31915382432114614};
        final double[] diff = {0.03152195746263744, 0.029968997921538634};
        final double[] a = new double[2], b = new double[2];
        assertEquals(0.0017, s.coefficients(x, 0, a, b, 0), 1e-15); // |grad f|^2
        assertArrayEquals(drift, a, 1e-15);
        assertArrayEquals(diff, b, 1e-15);
        s.drift(x, 0, a, 0);
        s.diffusion(x, 0, b, 0);
        assertArrayEquals(drift, a, 1e-15);
        assertArrayEquals(diff, b, 1e-15);
    }

    @Test
    void phase1IsSignGd() {
        final Sde s = sde("phase1");
        final double[] a = new double[2], b = new double[2];
        s.coefficients(new double[] {0.5, -3}, 0, a, b, 0);
        assertArrayEquals(new double[] {-1, 1}, a, 0);
        assertArrayEquals(new double[] {0, 0}, b, 0);
    }
}

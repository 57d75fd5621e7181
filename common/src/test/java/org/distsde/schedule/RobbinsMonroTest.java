package org.distsde.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RobbinsMonroTest {
    @ParameterizedTest
    @ValueSource(doubles = {0.51, 0.6, 0.75, 1.0})
    void acceptsThetaInHalfToOne(double theta) {
        final RobbinsMonro rm = new PowerDecay(theta).robbinsMonro();
        assertTrue(rm.classical(), rm.reason());
        assertTrue(rm.paper(), rm.reason());
    }

    @Test
    void rejectsThetaOnePointFiveBecausePhi1Converges() {
        final RobbinsMonro rm = new PowerDecay(1.5).robbinsMonro();
        assertFalse(rm.classical());
        assertFalse(rm.phi1Diverges());
        assertTrue(rm.reason().contains("phi1"), rm.reason());
    }

    @Test
    void rejectsThetaPointOneBecausePhi2DivergesWhileThePaperRatioHolds() {
        final RobbinsMonro rm = new PowerDecay(0.1).robbinsMonro();
        assertFalse(rm.classical());
        assertTrue(rm.phi1Diverges());
        assertFalse(rm.phi2Bounded());
        assertTrue(rm.reason().contains("phi2"), rm.reason());
        assertTrue(rm.paper(), "phi2/phi1 ~ t^-0.1 -> 0: the paper's weaker condition holds");
    }

    @Test
    void constantSchedulerFailsBoth() {
        final RobbinsMonro rm = Schedule.constant().robbinsMonro();
        assertFalse(rm.classical());
        assertFalse(rm.paper());
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.1, 0.75, 1.5})
    void numericalCheckAgreesWithTheAnalyticVerdict(double theta) {
        final PowerDecay s = new PowerDecay(theta);
        final RobbinsMonro a = s.robbinsMonro();
        final RobbinsMonro n = RobbinsMonro.numerical(s, 1e6, 0.02);
        assertFalse(n.analytic());
        assertEquals(a.phi1Diverges(), n.phi1Diverges(), "phi1 for theta " + theta + ": " + n.reason());
        assertEquals(a.phi2Bounded(), n.phi2Bounded(), "phi2 for theta " + theta + ": " + n.reason());
    }
}

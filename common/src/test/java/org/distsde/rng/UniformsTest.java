package org.distsde.rng;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UniformsTest {
    /** (⌊w/2¹²⌋ + ½)·2⁻⁵² never reaches 0 or 1 (a (k + ½)·2⁻⁵³ version rounds to 1 at the top). */
    @Test
    void uniformsStayInsideTheOpenInterval() {
        assertEquals(0x1.0p-53, Uniforms.uniform(0L));
        assertEquals(1 - 0x1.0p-53, Uniforms.uniform(-1L));
        assertTrue(Uniforms.uniform(-1L) < 1);
    }
}

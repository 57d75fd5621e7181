package org.distsde.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DatasetTest {
    @Test
    void shippedBreastCancerFileHas569RowsOf30FeaturesAnd212MalignantRows() {
        final Dataset bc = TestData.breastCancer();
        assertEquals(569, bc.rows());
        assertEquals(30, bc.features());
        assertEquals(Map.of(0, 212, 1, 357), bc.classCounts());
        assertArrayEquals(new int[] {0, 1}, bc.classes());
        assertEquals("dataset(n=569, p=30, classes {0=212, 1=357})", bc.describe());
        assertEquals(17.99, bc.feature(0, 0)); // the first UCI record, 842302, malignant
        assertEquals(0.1189, bc.feature(0, 29));
        assertEquals(0, bc.label(0));
    }

    @Test
    void standardizedColumnsHaveMeanZeroAndUnitPopulationSd() {
        final double[] x = {1, 5, 10, // column 1 constant
            2, 5, 20,
            6, 5, 30,
            7, 5, 40};
        final Dataset s = new Dataset(x, new double[] {0, 1, 0, 1}, 3).standardized();
        for (int j = 0; j < 3; j++) {
            double m = 0, v = 0;
            for (int i = 0; i < 4; i++) {
                m += s.feature(i, j) / 4;
            }
            for (int i = 0; i < 4; i++) {
                v += (s.feature(i, j) - m) * (s.feature(i, j) - m) / 4;
            }
            assertEquals(0, m, 1e-15);
            assertEquals(j == 1 ? 0 : 1, v, 1e-14, "column " + j);
        }
        assertEquals(0, s.feature(2, 1)); // constant column: centred only
        assertEquals((1 - 4) / Math.sqrt(6.5), s.feature(0, 0), 1e-15); // mean 4, population variance 6.5
        assertEquals(1, s.label(1));
    }

    @Test
    void invalidDataAreRejectedNamingTheRow() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Dataset(new double[] {1, 2, Double.NaN, 4}, new double[] {0, 1}, 2));
        assertTrue(e.getMessage().contains("feature 0 of row 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new Dataset(new double[] {1, 2, 3}, new double[] {0, 1}, 2));
        assertTrue(e.getMessage().contains("expected 4"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Dataset(new double[0], new double[0], 1));
        assertThrows(IllegalArgumentException.class, () -> new Dataset(new double[] {1}, new double[] {Double.POSITIVE_INFINITY}, 1));
        final Dataset real = new Dataset(new double[] {1, 2}, new double[] {0.5, 2}, 1);
        e = assertThrows(IllegalArgumentException.class, real::classes);
        assertTrue(e.getMessage().contains("row 0"), e.getMessage());
        assertEquals("dataset(n=2, p=1, labels in [0.5, 2.0])", real.describe());
    }

    @Test
    void immutableAgainstTheCallersArrays() {
        final double[] x = {1, 2}, y = {0, 1};
        final Dataset d = new Dataset(x, y, 1);
        x[0] = 9;
        y[0] = 9;
        d.featureArray()[1] = 9;
        assertEquals(1, d.feature(0, 0));
        assertEquals(2, d.feature(1, 0));
        assertEquals(0, d.label(0));
    }
}

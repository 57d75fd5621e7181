package org.distsde.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
import org.junit.jupiter.api.Test;

/** Tick labels, symbols, the legend's line-style key and the markers of overlapping lines. */
class PlotsTest {
    /**
     * Powers of ten as 10ⁿ, other ticks as m·10ⁿ, never Java's "1E-3" or "0E0". Catches a format that
     * drops the minus of the exponent, rounds 2.5·10⁻⁴ to 3·10⁻⁴, or prints 10⁰ as 1.0E0.
     */
    @Test
    void powersOfTen() {
        assertEquals("10⁻³", Plots.PowerOfTen.of(1e-3));
        assertEquals("10⁰", Plots.PowerOfTen.of(1));
        assertEquals("10¹²", Plots.PowerOfTen.of(1e12));
        assertEquals("2.5·10⁻⁴", Plots.PowerOfTen.of(2.5e-4));
        assertEquals("−10⁻²", Plots.PowerOfTen.of(-0.01));
        assertEquals("10⁻⁵", Plots.PowerOfTen.of(9.99999999e-6)); // rounding up to the next power
        assertEquals("0", Plots.Linear.of(0));
        assertEquals("0.0025", Plots.Linear.of(0.0025));
        assertEquals("7.5·10⁻⁵", Plots.Linear.of(7.5e-5));
        assertEquals("x₁₂", "x" + Plots.PowerOfTen.sub(12));
    }

    static List<Plots.Line> lines() {
        final double[] x = new double[31];
        final double[] y = new double[x.length], z = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = 10 * i;
            y[i] = Math.pow(10, -i / 6.0);
            z[i] = 0.8 * y[i];
        }
        return List.of(new Plots.Line("σ₁ = 0.1", x, y, null, null, Plots.Style.SOLID, 0),
                new Plots.Line("σ₁ = 0.1", x, y, null, null, Plots.Style.DASHED, 0),
                new Plots.Line("sigma1 = 3", x, y, null, null, Plots.Style.SOLID, 1),
                new Plots.Line("Lemma 3.8", x, z, null, null, Plots.Style.DOTTED, 0));
    }

    /**
     * The drawn chart: tick labels in powers of ten (no "E" notation anywhere in the SVG's text), the
     * series named once per colour in the papers' symbols, then the line styles present in grey.
     */
    @Test
    void chartTicksLegendAndStyleKey() {
        final JFreeChart ch = Plots.chart("t", "s", "iteration k", "E[f] − f*", lines());
        final String svg = Plots.svg(ch);
        assertFalse(Pattern.compile(">[^<]*\\dE-?\\d[^<]*<").matcher(svg).find(), "no 1E-3 style label");
        assertTrue(((org.jfree.chart.axis.LogAxis) ch.getXYPlot().getRangeAxis()).getNumberFormatOverride()
                instanceof Plots.PowerOfTen, "decades labelled 10ⁿ");
        final LegendItemCollection items = ch.getXYPlot().getFixedLegendItems();
        final List<String> labels = new java.util.ArrayList<>();
        for (int i = 0; i < items.getItemCount(); i++) {
            labels.add(items.get(i).getLabel());
        }
        assertEquals(List.of("σ₁ = 0.1", "σ₁ = 3", "optimizer", "SDE", "theory"), labels, "ASCII sigma1 as σ₁");
    }

    /**
     * Lines on top of each other (optimizer and SDE of one series, two series) carry markers at
     * different points: catches markers at the same indices, which hide each other.
     */
    @Test
    void overlappingLinesHaveStaggeredMarkers() {
        final JFreeChart ch = Plots.chart("t", "s", "k", "y", lines());
        final var plot = ch.getXYPlot();
        for (int item = 0; item < 31; item++) {
            final boolean a = Plots.marker(plot, 0, 0, item), b = Plots.marker(plot, 0, 1, item),
                    c = Plots.marker(plot, 1, 0, item);
            assertFalse(a && b || a && c || b && c, "two markers at item " + item);
        }
        int shown = 0;
        for (int item = 0; item < 31; item++) {
            shown += Plots.marker(plot, 0, 0, item) ? 1 : 0;
        }
        assertTrue(shown >= 6, "markers along the line: " + shown);
    }
}

package org.distsde.report;

import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.title.TextTitle;

/**
 * What the report shows: its title, one {@link Section} per result directory (of any kind, in the
 * order given), and, in compare mode, the {@link Comparison} of two of them. {@link HtmlPage}
 * writes it as one page with one overview; {@link Report} writes its charts as PNG and SVG files.
 */
public record ReportModel(String title, List<Section> sections, Comparison comparison) {
    /**
     * A chart: the stem of its files ({@code stem.png}, {@code stem.svg}), its title in the files, its
     * short label on the page (where the section heading names the experiment and panel), and its
     * caption (the files' subtitle).
     */
    record Figure(String stem, String title, String label, String caption, Drawing drawing) {
        /** The chart's own title and first text subtitle become the figure's title and caption. */
        static Figure of(String stem, String label, JFreeChart chart) {
            String caption = "";
            for (Object t : chart.getSubtitles()) {
                if (t instanceof TextTitle tt) {
                    caption = tt.getText();
                    break;
                }
            }
            return new Figure(stem, chart.getTitle() == null ? stem : chart.getTitle().getText(), label, caption,
                    Drawing.of(chart));
        }
    }

    /** Something drawn: a chart, or a grid of charts; as PNG, as an SVG file, and inline on the page. */
    interface Drawing {
        byte[] png() throws java.io.IOException;

        String svg();

        /** An inline {@code <svg>} element named {@code id} (its definitions prefixed with it). */
        String pageSvg(String id);

        static Drawing of(JFreeChart chart) {
            return new Drawing() {
                @Override public byte[] png() throws java.io.IOException { return Plots.png(chart); }
                @Override public String svg() { return Plots.svg(chart); }
                @Override public String pageSvg(String id) { return Plots.pageSvg(chart, id); }
            };
        }
    }

    /** A table of formatted cells; a cell starting with {@link #STRONG} is emphasised. */
    record Table(String heading, List<String> head, List<List<String>> rows) {
        static final String STRONG = "\u0001";
    }

    /** A named value (the facts line, provenance). */
    record Fact(String name, String value) { }

    /** Every chart of the page, in page order. */
    List<Figure> figures() {
        final List<Figure> f = new ArrayList<>();
        for (Section s : sections) {
            f.addAll(s.figures());
        }
        return f;
    }

    /** The sections of one kind, in page order. */
    <T extends Section> List<T> of(Class<T> kind) {
        final List<T> out = new ArrayList<>();
        for (Section s : sections) {
            if (kind.isInstance(s)) {
                out.add(kind.cast(s));
            }
        }
        return out;
    }
}

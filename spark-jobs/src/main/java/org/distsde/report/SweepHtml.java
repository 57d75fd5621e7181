package org.distsde.report;

import java.util.List;
import java.util.Locale;

/** sweep-charts on the page: the grid against N, Theorem 7 against N, and the points. */
final class SweepHtml implements SectionHtml<SweepSection> {
    @Override
    public String kind() {
        return "sweep-charts";
    }

    @Override
    public void overview(List<SweepSection> sweeps, Html h) {
        if (sweeps.isEmpty()) {
            return;
        }
        h.a("<table class=\"overview studies\"><thead><tr><th>sweep against N</th><th class=\"num\">lines</th>"
                + "<th class=\"num\">N</th><th class=\"num\">points with all runs diverged</th></tr></thead><tbody>");
        for (SweepSection s : sweeps) {
            final var pts = s.sweep().points();
            final long lo = pts.stream().mapToLong(SweepData.Point::agents).min().orElse(0);
            final long hi = pts.stream().mapToLong(SweepData.Point::agents).max().orElse(0);
            h.a("<tr><td class=\"label\"><a href=\"#").t(s.id()).a("\">").t(s.name()).a("</a></td><td class=\"num\">")
                    .a(s.sweep().lines().size()).a("</td><td class=\"num\">").t(String.format(Locale.ROOT, "%d – %d", lo,
                            hi)).a("</td><td class=\"num\">").a(pts.stream().filter(p -> p.total() > 0
                            && p.diverged() == p.total()).count()).a("</td></tr>");
        }
        h.a("</tbody></table>");
    }

    @Override
    public void body(SweepSection s, Html h) {
        h.a("<section class=\"panel\" id=\"").t(s.id()).a("\"><h2>").t(s.name()).a(" <span class=\"kind\">sweep-charts"
                + "</span></h2><p class=\"desc\">").t(s.title()).a("</p><div class=\"grid wide-fig\">");
        s.figures().forEach(h::figure);
        h.a("</div><details><summary>The points</summary><pre>").t(SweepData.table(s.sweep())).a("</pre></details>"
                + "</section>");
    }
}

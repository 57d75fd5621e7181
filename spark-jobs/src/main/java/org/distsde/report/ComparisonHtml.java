package org.distsde.report;

import java.util.Locale;

/** The comparison of two results on the page, right after the overview. */
final class ComparisonHtml {
    private ComparisonHtml() { }

    static void render(Comparison c, Html h) {
        h.a("<section id=\"comparison\"><h2>Comparison</h2><p class=\"lede\"><a href=\"#").t(c.aId()).a("\">").t(c.a())
                .a("</a> (a) against <a href=\"#").t(c.bId()).a("\">").t(c.b()).a("</a> (b): ")
                .a(Html.count(c.rows().size(), "series and kind")).a(", ").a(c.differing())
                .a(String.format(Locale.ROOT, " with final E[f − f*] |z| ≥ %.0f, ", Comparison.Z))
                .a(Html.count(c.changedVerdicts(), "changed verdict")).a(".</p>");
        if (c.configDifferences().isEmpty()) {
            h.a("<p class=\"small\">The configs are the same (besides name and description).</p>");
        } else {
            h.a("<p class=\"small\">The configs differ in: ").t(String.join("; ", c.configDifferences())).a("</p>");
        }
        h.a("<div class=\"scroll\"><table class=\"overview\"><thead><tr><th>series</th><th>kind</th>"
                + "<th class=\"num\">E[f − f*] (a)</th><th class=\"num\">E[f − f*] (b)</th>"
                + "<th class=\"num\" title=\"(b − a)/√(SE(a)² + SE(b)²)\">z</th><th>verdict (a)</th>"
                + "<th>verdict (b)</th></tr></thead><tbody>");
        for (Comparison.Row r : c.rows()) {
            h.a("<tr").a(r.differs() || r.verdictChanged() ? " class=\"changed\"" : "").a("><td class=\"label\">")
                    .t(r.series()).a("</td><td>").t(r.kind().id()).a("</td><td class=\"num\">").a(Html.num(r.lossA()))
                    .a("</td><td class=\"num\">").a(Html.num(r.lossB())).a("</td><td class=\"num\">")
                    .a(r.differs() ? "<b>" : "").a(Double.isNaN(r.z()) ? "–" : String.format(Locale.ROOT, "%.2f", r.z()))
                    .a(r.differs() ? "</b>" : "").a("</td><td>").t(Html.word(r.verdictA())).a("</td><td>")
                    .a(r.verdictChanged() ? "<b>" : "").t(Html.word(r.verdictB())).a(r.verdictChanged() ? "</b>" : "")
                    .a("</td></tr>");
        }
        h.a("</tbody></table></div></section>");
    }
}

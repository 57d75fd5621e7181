package org.distsde.report;

import java.awt.Color;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.distsde.report.ReportModel.Fact;
import org.distsde.report.ReportModel.Figure;
import org.distsde.report.ReportModel.Table;

/**
 * The page being written (well-formed XHTML) and the pieces the renderers share: escaped text,
 * verdict badges and tallies, colour swatches, facts, tables and figures.
 */
final class Html {
    /** The theorem verdicts, most serious first (the order of tallies). */
    static final List<String> THEOREM_ORDER = List.of(ExperimentSection.COUNTEREXAMPLE, "VIOLATED", "UNRESOLVED",
            "HOLDS", "NOT_CLAIMED", "NOT_APPLICABLE");
    /** The discrete comparisons with the SDE's bound. */
    static final List<String> DISCRETE_ORDER = List.of("EXCEEDED", "WITHIN", "NOT_CLAIMED", "NOT_APPLICABLE");

    private final StringBuilder h = new StringBuilder(1 << 20);

    Html a(String raw) {
        h.append(raw);
        return this;
    }

    /** Escaped text. */
    Html t(String text) {
        h.append(esc(text));
        return this;
    }

    Html a(long n) {
        h.append(n);
        return this;
    }

    @Override
    public String toString() {
        return h.toString();
    }

    static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** A verdict badge with its reasons on hover; "–" when there is none. */
    Html badge(String verdict, String reasons) {
        if (verdict == null || verdict.isEmpty()) {
            return a("<span class=\"muted\">–</span>");
        }
        return a("<span class=\"v ").a(cls(verdict)).a("\" title=\"").t(reasons).a("\">").t(word(verdict)).a("</span>");
    }

    /** A discrete comparison (within / exceeded) as quiet text, not a badge: it is no statement about the theorem. */
    Html quiet(String verdict, String reasons) {
        if (verdict == null || verdict.isEmpty()) {
            return a("<span class=\"muted\">–</span>");
        }
        return a("<span class=\"q ").a(cls(verdict).replace("v-", "q-")).a("\" title=\"").t(reasons).a("\">")
                .t(word(verdict).toLowerCase(Locale.ROOT)).a("</span>");
    }

    /** Verdict counts in {@code order}, as badges (or quiet words); {@code link} on the first, if given. */
    Html tally(List<String> verdicts, List<String> order, boolean small, boolean badges, String link) {
        final Map<String, Integer> n = new LinkedHashMap<>();
        for (String v : order) {
            n.put(v, 0);
        }
        for (String v : verdicts) {
            n.merge(v, 1, Integer::sum);
        }
        a("<span class=\"tally").a(small ? " small" : "").a("\">");
        boolean first = true;
        for (var e : n.entrySet()) {
            if (e.getValue() > 0) {
                final boolean l = first && link != null;
                a(l ? "<a href=\"#" + esc(link) + "\">" : "").a("<span class=\"").a(badges ? "v " : "q ")
                        .a(badges ? cls(e.getKey()) : cls(e.getKey()).replace("v-", "q-")).a("\">").a(e.getValue()).a(" ").t(badges ? word(e.getKey())
                                : word(e.getKey()).toLowerCase(Locale.ROOT)).a(l ? " ↓</span></a>" : "</span>");
                first = false;
            }
        }
        return a("</span>");
    }

    Html swatch(int colour) {
        final Color c = Plots.PALETTE[Math.floorMod(colour, Plots.PALETTE.length)];
        return a(String.format(Locale.ROOT, "<span class=\"sw\" style=\"background:#%06X\"></span>",
                c.getRGB() & 0xFFFFFF));
    }

    /** The facts as "name value · name value"; at most {@code max}. */
    Html facts(List<Fact> facts, int max) {
        int i = 0;
        for (Fact f : facts) {
            if (i++ >= max) {
                break;
            }
            a(i > 1 ? " · " : "").a("<span class=\"fact\">").t(f.name()).a(" <b>").t(f.value()).a("</b></span>");
        }
        return this;
    }

    Html table(Table t) {
        a("<h4>").t(t.heading()).a("</h4><div class=\"scroll\"><table class=\"plain\"><thead><tr>");
        for (String c : t.head()) {
            a("<th>").t(c).a("</th>");
        }
        a("</tr></thead><tbody>");
        for (List<String> row : t.rows()) {
            a("<tr>");
            for (String c : row) {
                final boolean strong = c.startsWith(Table.STRONG);
                a("<td>").a(strong ? "<b>" : "").t(strong ? c.substring(1) : c).a(strong ? "</b>" : "").a("</td>");
            }
            a("</tr>");
        }
        return a("</tbody></table></div>");
    }

    Html figure(Figure f) {
        return a("<figure id=\"fig-").t(f.stem()).a("\" data-chart=\"").t(f.stem()).a("\"><figcaption class=\"ftitle\">")
                .t(f.label()).a("</figcaption>").a(f.drawing().pageSvg("svg-" + f.stem())).a("<figcaption>")
                .t(f.caption()).a(f.caption().isEmpty() ? "" : " · ").a("<a href=\"").t(f.stem())
                .a(".svg\">SVG</a> · <a href=\"").t(f.stem()).a(".png\">PNG</a></figcaption></figure>");
    }

    static String num(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.3g", v);
    }

    static String word(String verdict) {
        return verdict.equals("WITHIN") ? "within" : verdict.replace('_', ' ');
    }

    static String cls(String verdict) {
        return "v-" + verdict.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    static String count(long n, String what) {
        if (n == 1 || what.endsWith("series")) {
            return n + " " + what;
        }
        return n + " " + (what.endsWith("y") ? what.substring(0, what.length() - 1) + "ies" : what + "s");
    }
}

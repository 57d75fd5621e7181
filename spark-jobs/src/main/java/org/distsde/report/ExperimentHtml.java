package org.distsde.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.distsde.io.SeriesKind;
import org.distsde.report.ExperimentSection.Check;
import org.distsde.report.ExperimentSection.Panel;
import org.distsde.report.ExperimentSection.Run;
import org.distsde.report.ExperimentSection.Series;
import org.distsde.report.ReportModel.Fact;
import org.distsde.report.ReportModel.Table;

/**
 * simulate / integrate on the page. Each series' row leads with its theorem verdict (the resolved
 * SDE's: HOLDS, VIOLATED, UNRESOLVED …, a badge), then its final figures, then, quietly, how the
 * discrete processes (the optimizer, the SDE at Δt = η) compare with the SDE's bound (within /
 * exceeded: no statement about the theorem). The panels: a grid of charts with the series' card
 * beside the loss chart; the detail tables and provenance folded away below.
 */
final class ExperimentHtml implements SectionHtml<ExperimentSection> {
    @Override
    public void toc(ExperimentSection e, Html h) {
        h.a("<li><a href=\"#").t(e.id()).a("\">").t(e.name()).a("</a>");
        h.tally(e.theoremVerdicts(), Html.THEOREM_ORDER, true, true, null);
        if (e.panels().size() > 1) {
            h.a("<ol>");
            for (Panel p : e.panels()) {
                h.a("<li><a href=\"#").t(p.id()).a("\">").t(p.heading()).a("</a></li>");
            }
            h.a("</ol>");
        }
        h.a("</li>");
    }

    @Override
    public void overview(List<ExperimentSection> exps, Html h) {
        if (exps.isEmpty()) {
            return;
        }
        h.a("<div class=\"scroll\"><table class=\"overview\"><thead><tr><th>series</th>"
                + "<th class=\"theorem\" title=\"the theorem's verdict, on the SDE resolved in Δt\">theorem "
                + "(resolved SDE)</th><th class=\"num\">optimizer E[f − f*]</th>"
                + "<th class=\"num wide\">SDE E[f − f*]</th><th class=\"num\">diverged</th>"
                + "<th class=\"disc\" title=\"the SDE's bound evaluated on discrete processes: not a statement about "
                + "the theorem\">vs bound: optimizer · SDE Δt = η</th></tr></thead>");
        for (ExperimentSection e : exps) {
            h.a("<tbody><tr class=\"exp\"><th colspan=\"6\"><a href=\"#").t(e.id()).a("\">").t(e.name())
                    .a("</a> <span class=\"muted\">");
            h.facts(e.facts(), 6);
            final List<String> theorems = ExperimentSection.theorems(e.series());
            if (!theorems.isEmpty()) {
                h.a(" · checked against <b>").t(String.join(", ", theorems)).a("</b>");
            }
            h.a("</span></th></tr>");
            for (Series s : e.series()) {
                final Run opt = s.run(SeriesKind.OPTIMIZER), sde = s.run(SeriesKind.SDE);
                h.a("<tr><td class=\"label\">").swatch(s.colour()).a("<a href=\"#").t(s.panelId()).a("\">")
                        .t(s.fullLabel()).a("</a></td><td class=\"theorem\">");
                theorem(s, h);
                h.a("</td><td class=\"num\">").a(opt == null ? "–" : Html.num(opt.loss())).a("</td><td class=\"num wide\">")
                        .a(sde == null ? "–" : Html.num(sde.loss())).a("</td><td class=\"num\">")
                        .t(s.first() == null ? "" : s.first().diverged() + "/" + s.first().runs()).a("</td><td class=\"disc\">");
                discrete(s, h);
                h.a("</td></tr>");
            }
            h.a("</tbody>");
        }
        h.a("</table></div>");
    }

    /** The theorem verdict of a series (its resolved SDE), or why there is none. */
    private static void theorem(Series s, Html h) {
        final Check c = s.theorem();
        if (c == null) {
            h.a("<span class=\"muted\" title=\"no SDE resolved in Δt was run for this series (sde.enabled, or "
                    + "integrate)\">no resolved SDE</span>");
        } else {
            h.badge(c.shown(), c.summary());
        }
    }

    /** The discrete comparisons: the optimizer's and the SDE at Δt = η's, quietly. */
    private static void discrete(Series s, Html h) {
        final Check o = s.discrete(SeriesKind.OPTIMIZER), m = s.discrete(SeriesKind.SDE);
        h.quiet(o == null ? null : o.shown(), o == null ? "" : o.summary()).a(" · ")
                .quiet(m == null ? null : m.shown(), m == null ? "" : m.summary());
    }

    @Override
    public void body(ExperimentSection e, Html h) {
        h.a("<section class=\"experiment\" id=\"").t(e.id()).a("\"><h2>").t(e.name()).a("</h2><p class=\"facts\">");
        h.facts(e.facts(), Integer.MAX_VALUE);
        h.a("</p>");
        if (!e.description().isEmpty()) {
            h.a("<p class=\"desc\">").t(e.description()).a("</p>");
        }
        for (Panel p : e.panels()) {
            panel(p, h);
        }
        h.a("<details><summary>Final figures of every kind, theorem checks, provenance and config</summary>");
        for (Table t : e.details()) {
            h.table(t);
        }
        h.a("<h4>Provenance</h4><table class=\"plain\">");
        for (Fact f : e.provenance()) {
            h.a("<tr><th>").t(f.name()).a("</th><td>").t(f.value()).a("</td></tr>");
        }
        h.a("</table><pre>").t(e.config()).a("</pre></details></section>");
    }

    private static void panel(Panel p, Html h) {
        h.a("<section class=\"panel\" id=\"").t(p.id()).a("\">");
        if (!p.heading().isEmpty()) {
            h.a("<h3>").t(p.heading()).a("</h3>");
        }
        // the card beside the loss chart when that fills the row (an odd number of charts), else
        // across the top of the panel, so that the charts below pair up
        final boolean beside = p.figures().size() % 2 == 1;
        h.a("<div class=\"grid\">");
        if (!beside) {
            card(p, true, h);
        }
        for (int i = 0; i < p.figures().size(); i++) {
            h.figure(p.figures().get(i));
            if (i == 0 && beside) {
                card(p, false, h);
            }
        }
        h.a("</div></section>");
    }

    /** The card beside the loss chart: each series' theorem verdict, final figures and discrete comparisons. */
    private static void card(Panel p, boolean across, Html h) {
        h.a("<aside class=\"card").a(across ? " across" : "").a("\"><h4>Verdicts and final figures</h4>"
                + "<table class=\"verdicts\"><thead><tr><th>series</th><th class=\"theorem\">theorem</th>"
                + "<th class=\"num\">E[f − f*]</th><th class=\"num\">diverged</th><th class=\"disc\">vs bound</th>"
                + "</tr></thead><tbody>");
        for (Series s : p.series()) {
            final Run first = s.first();
            h.a("<tr><td class=\"label\">").swatch(s.colour()).t(s.label()).a("</td><td class=\"theorem\">");
            theorem(s, h);
            h.a("</td><td class=\"num\"").a(first == null || Double.isNaN(first.p05()) ? ""
                    : " title=\"5–95% of runs: " + Html.num(first.p05()) + " – " + Html.num(first.p95()) + "\"")
                    .a(">").a(first == null ? "–" : Html.num(first.loss())).a("</td><td class=\"num\">")
                    .t(first == null ? "" : first.diverged() + "/" + first.runs()).a("</td><td class=\"disc\">");
            discrete(s, h);
            h.a("</td></tr>");
        }
        h.a("</tbody></table>");
        final List<String> theorems = ExperimentSection.theorems(p.series());
        h.a("<p class=\"small\">");
        if (!theorems.isEmpty()) {
            h.a("Checked against ").t(String.join(", ", theorems)).a(". ");
        }
        h.a("E[f − f*] at the last iteration, ").a(p.series().stream().anyMatch(s -> s.run(SeriesKind.OPTIMIZER) != null)
                ? "of the optimizer" : "of the SDE").a("; diverged runs are counted, never averaged. ");
        if (!p.rateVaries()) {
            final List<String> rates = new ArrayList<>();
            for (Series s : p.series()) {
                final String r = String.format(Locale.ROOT, "%.6g", s.constantRate()).replaceAll("\\.?0+(e|$)", "$1");
                if (!rates.contains(r)) {
                    rates.add(r);
                }
            }
            h.a("The learning rate η·ηₖ is constant, ").t(String.join(", ", rates)).a(", so it is not drawn.");
        }
        h.a("</p></aside>");
    }
}

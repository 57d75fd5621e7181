package org.distsde.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.distsde.report.ReportModel.Check;
import org.distsde.report.ReportModel.Experiment;
import org.distsde.report.ReportModel.Fact;
import org.distsde.report.ReportModel.Figure;
import org.distsde.report.ReportModel.Panel;
import org.distsde.report.ReportModel.Run;
import org.distsde.report.ReportModel.Series;
import org.distsde.report.ReportModel.Study;
import org.distsde.report.ReportModel.Table;

/**
 * Writes a {@link ReportModel} as one self-contained page (well-formed XHTML; every chart an inline
 * SVG, no file or network needed to read it). First screen: the title, the verdict tallies and an
 * overview with one row per series (its final figures and verdicts, linked to its panel); a
 * table of contents on the side. Then per experiment its panels, each a grid of its charts with the
 * verdicts of its series beside the loss chart, the learning rate drawn only where it varies; the
 * detail tables and the provenance folded away below.
 */
final class HtmlRenderer {
    private final StringBuilder h = new StringBuilder(1 << 20);

    private HtmlRenderer() { }

    static String render(ReportModel m) {
        return new HtmlRenderer().page(m);
    }

    private String page(ReportModel m) {
        h.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head><meta charset=\"utf-8\"/>"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/><title>").append(esc(m.title()))
                .append("</title><style>").append(CSS).append("</style></head>\n<body><div class=\"layout\">");
        toc(m);
        h.append("<main>");
        header(m);
        overview(m);
        for (Experiment e : m.experiments()) {
            experiment(e);
        }
        if (!m.studies().isEmpty()) {
            h.append("<section id=\"studies\"><h2>Convergence studies</h2>");
            for (Study s : m.studies()) {
                study(s);
            }
            h.append("</section>");
        }
        h.append("</main></div></body></html>\n");
        return h.toString();
    }

    private void toc(ReportModel m) {
        h.append("<nav class=\"toc\" aria-label=\"Contents\"><p class=\"toc-title\">Contents</p><ol>")
                .append("<li><a href=\"#overview\">Overview</a></li>");
        for (Experiment e : m.experiments()) {
            h.append("<li><a href=\"#").append(esc(e.id())).append("\">").append(esc(e.name())).append("</a>");
            tally(e.verdicts(), true, null);
            if (e.panels().size() > 1) {
                h.append("<ol>");
                for (Panel p : e.panels()) {
                    h.append("<li><a href=\"#").append(esc(p.id())).append("\">").append(esc(p.heading())).append("</a></li>");
                }
                h.append("</ol>");
            }
            h.append("</li>");
        }
        if (!m.studies().isEmpty()) {
            h.append("<li><a href=\"#studies\">Convergence studies</a><ol>");
            for (Study s : m.studies()) {
                h.append("<li><a href=\"#").append(esc(s.id())).append("\">").append(esc(s.name())).append("</a></li>");
            }
            h.append("</ol></li>");
        }
        h.append("</ol></nav>");
    }

    private void header(ReportModel m) {
        final List<String> verdicts = new ArrayList<>();
        long series = 0, counter = 0;
        for (Experiment e : m.experiments()) {
            verdicts.addAll(e.verdicts());
            series += e.series().size();
            counter += e.counterexamples();
        }
        h.append("<header><h1>").append(esc(m.title())).append("</h1><p class=\"lede\">")
                .append(count(m.experiments().size(), "experiment")).append(" · ").append(count(series, "series"));
        if (!m.studies().isEmpty()) {
            h.append(" · ").append(count(m.studies().size(), "convergence study").replace("studys", "studies"));
        }
        if (!verdicts.isEmpty()) {
            h.append(" · verdicts ");
            final Series first = firstCounterexample(m);
            tally(verdicts, false, first == null ? null : first.panelId());
        }
        if (counter == 0) {
            h.append(" · <span class=\"muted\">no counterexample</span>");
        }
        h.append("</p></header>");
    }

    private static Series firstCounterexample(ReportModel m) {
        for (Experiment e : m.experiments()) {
            for (Series s : e.series()) {
                if (s.kinds().values().stream().anyMatch(r -> r.check() != null && r.check().counterexample())) {
                    return s;
                }
            }
        }
        return null;
    }

    private static String count(long n, String what) {
        return n + " " + what + (n == 1 || what.endsWith("series") ? "" : "s");
    }

    /** Verdict badges with their counts, most serious first; the counterexamples' a link to {@code counterexample}. */
    private void tally(List<String> verdicts, boolean small, String counterexample) {
        final Map<String, Integer> n = new LinkedHashMap<>();
        for (String v : List.of(ReportModel.COUNTEREXAMPLE, "VIOLATED", "UNRESOLVED", "HOLDS", "EXCEEDED", "WITHIN",
                "NOT_CLAIMED", "NOT_APPLICABLE")) {
            n.put(v, 0);
        }
        for (String v : verdicts) {
            n.merge(v, 1, Integer::sum);
        }
        h.append("<span class=\"tally").append(small ? " small" : "").append("\">");
        for (var e : n.entrySet()) {
            if (e.getValue() > 0) {
                final boolean link = counterexample != null && e.getKey().equals(ReportModel.COUNTEREXAMPLE);
                h.append(link ? "<a href=\"#" + esc(counterexample) + "\">" : "").append("<span class=\"v ")
                        .append(cls(e.getKey())).append("\">").append(e.getValue()).append(' ')
                        .append(esc(word(e.getKey()))).append(link ? " ↓</span></a>" : "</span>");
            }
        }
        h.append("</span>");
    }

    private void overview(ReportModel m) {
        h.append("<section id=\"overview\"><h2>Overview</h2>");
        if (m.experiments().isEmpty()) {
            h.append("<p class=\"muted\">No simulate or integrate results.</p>");
        } else {
            h.append("<table class=\"overview\"><thead><tr><th>series</th>"
                    + "<th class=\"num\">optimizer E[f − f*]</th>"
                    + "<th class=\"num\">SDE E[f − f*]</th><th class=\"num\">diverged</th>"
                    + "<th>optimizer</th><th>SDE Δt = η</th><th class=\"theorem\">SDE resolved</th></tr></thead>");
            for (Experiment e : m.experiments()) {
                h.append("<tbody><tr class=\"exp\"><th colspan=\"7\"><a href=\"#").append(esc(e.id())).append("\">")
                        .append(esc(e.name())).append("</a> <span class=\"muted\">");
                facts(e.facts(), 4);
                final List<String> theorems = theorems(e.series());
                if (!theorems.isEmpty()) {
                    h.append(" · checked against <b>").append(esc(String.join(", ", theorems))).append("</b>");
                }
                h.append("</span></th></tr>");
                for (Series s : e.series()) {
                    final Run opt = s.run("optimizer"), sde = s.run("sde");
                    h.append("<tr><td class=\"label\">");
                    swatch(s.colour());
                    h.append("<a href=\"#").append(esc(s.panelId())).append("\">").append(esc(s.fullLabel()))
                            .append("</a></td><td class=\"num\">").append(opt == null ? "–" : num(opt.loss()))
                            .append("</td><td class=\"num\">").append(sde == null ? "–" : num(sde.loss())).append("</td>");
                    divergedAndVerdicts(s);
                }
                h.append("</tbody>");
            }
            h.append("</table>");
        }
        if (!m.studies().isEmpty()) {
            h.append("<table class=\"overview studies\"><thead><tr><th>convergence study · series</th>"
                    + "<th class=\"num\">weak order in Δt [95%]</th><th class=\"num\">weak order in η [95%]</th>"
                    + "</tr></thead><tbody>");
            for (Study s : m.studies()) {
                for (ReportModel.Order o : s.orders()) {
                    h.append("<tr><td class=\"label\"><a href=\"#").append(esc(s.id())).append("\">").append(esc(s.name()))
                            .append("</a> · ").append(esc(o.series())).append("</td><td class=\"num\">")
                            .append(esc(o.dt())).append("</td><td class=\"num\">").append(esc(o.eta()))
                            .append("</td></tr>");
                }
            }
            h.append("</tbody></table>");
        }
        h.append("<p class=\"note\">The verdicts at the top count one per series: the resolved SDE's where it was "
                + "run. HOLDS / VIOLATED / UNRESOLVED are verdicts on the theorem, made on the SDE resolved in Δt; on "
                + "the optimizer and on the SDE at Δt = η, discrete processes, the SDE's bound is only compared: "
                + "within / EXCEEDED. NOT CLAIMED: the learning-rate condition failed at every time. "
                + "Hover a verdict for its reasons. The papers claim weak order 1 in Δt and in η.</p></section>");
    }

    private void experiment(Experiment e) {
        h.append("<section class=\"experiment\" id=\"").append(esc(e.id())).append("\"><h2>").append(esc(e.name()))
                .append("</h2><p class=\"facts\">");
        facts(e.facts(), Integer.MAX_VALUE);
        h.append("</p>");
        if (!e.description().isEmpty()) {
            h.append("<p class=\"desc\">").append(esc(e.description())).append("</p>");
        }
        for (Panel p : e.panels()) {
            panel(p);
        }
        h.append("<details><summary>Final figures of every kind, theorem checks, provenance and config</summary>");
        for (Table t : e.details()) {
            table(t);
        }
        h.append("<h4>Provenance</h4><table class=\"plain\">");
        for (Fact f : e.provenance()) {
            h.append("<tr><th>").append(esc(f.name())).append("</th><td>").append(esc(f.value())).append("</td></tr>");
        }
        h.append("</table><pre>").append(esc(e.config())).append("</pre></details></section>");
    }

    private void panel(Panel p) {
        h.append("<section class=\"panel\" id=\"").append(esc(p.id())).append("\">");
        if (!p.heading().isEmpty()) {
            h.append("<h3>").append(esc(p.heading())).append("</h3>");
        }
        // the verdicts beside the loss chart when that fills the row (an odd number of charts), else
        // across the top of the panel, so that the charts below pair up
        final boolean beside = p.figures().size() % 2 == 1;
        h.append("<div class=\"grid\">");
        if (!beside) {
            verdicts(p, true);
        }
        for (int i = 0; i < p.figures().size(); i++) {
            figure(p.figures().get(i));
            if (i == 0 && beside) {
                verdicts(p, false);
            }
        }
        h.append("</div></section>");
    }

    /** The card beside the loss chart: each series' final figures and verdicts. */
    private void verdicts(Panel p, boolean across) {
        h.append("<aside class=\"card").append(across ? " across" : "")
                .append("\"><h4>Verdicts and final figures</h4><table class=\"verdicts\"><thead><tr><th>series</th>"
                        + "<th class=\"num\">E[f − f*]</th><th class=\"num\">diverged</th><th>opt.</th><th>SDE</th>"
                        + "<th class=\"theorem\">resolved</th></tr></thead><tbody>");
        for (Series s : p.series()) {
            final Run first = s.first();
            h.append("<tr><td class=\"label\">");
            swatch(s.colour());
            h.append(esc(s.label())).append("</td><td class=\"num\"").append(first == null || Double.isNaN(first.p05())
                    ? "" : " title=\"5–95% of runs: " + num(first.p05()) + " – " + num(first.p95()) + "\"")
                    .append('>').append(first == null ? "–" : num(first.loss())).append("</td>");
            divergedAndVerdicts(s);
        }
        h.append("</tbody></table>");
        final List<String> theorems = theorems(p.series());
        h.append("<p class=\"small\">");
        if (!theorems.isEmpty()) {
            h.append("Checked against ").append(esc(String.join(", ", theorems))).append(". ");
        }
        h.append("E[f − f*] at the last iteration, ").append(p.series().stream().anyMatch(s -> s.run("optimizer") != null)
                ? "of the optimizer" : "of the SDE").append("; diverged runs are counted, never averaged. ");
        if (!p.rateVaries()) {
            final List<String> rates = new ArrayList<>();
            for (Series s : p.series()) {
                final String r = String.format(Locale.ROOT, "%.6g", s.constantRate()).replaceAll("\\.?0+(e|$)", "$1");
                if (!rates.contains(r)) {
                    rates.add(r);
                }
            }
            h.append("The learning rate η·ηₖ is constant, ").append(esc(String.join(", ", rates)))
                    .append(", so it is not drawn.");
        }
        h.append("</p></aside>");
    }

    /** The theorems the series are checked against, each once. */
    private static List<String> theorems(List<Series> series) {
        final List<String> theorems = new ArrayList<>();
        for (Series s : series) {
            final Run r = ReportModel.theoremRun(s);
            if (r != null && !r.check().theorem().isEmpty() && !theorems.contains(r.check().theorem())) {
                theorems.add(r.check().theorem());
            }
        }
        return theorems;
    }

    private void figure(Figure f) {
        h.append("<figure id=\"fig-").append(esc(f.stem())).append("\" data-chart=\"").append(esc(f.stem()))
                .append("\"><figcaption class=\"ftitle\">").append(esc(f.label())).append("</figcaption>")
                .append(Plots.pageSvg(f.chart(), "svg-" + f.stem())).append("<figcaption>").append(esc(f.caption()))
                .append(f.caption().isEmpty() ? "" : " · ").append("<a href=\"").append(esc(f.stem()))
                .append(".svg\">SVG</a> · <a href=\"").append(esc(f.stem())).append(".png\">PNG</a></figcaption></figure>");
    }

    private void study(Study s) {
        h.append("<section class=\"panel\" id=\"").append(esc(s.id())).append("\"><h3>").append(esc(s.name()))
                .append("</h3><p class=\"desc\">").append(esc(s.text())).append("</p><div class=\"grid\">");
        for (Figure f : s.figures()) {
            figure(f);
        }
        h.append("</div></section>");
    }

    private void table(Table t) {
        h.append("<h4>").append(esc(t.heading())).append("</h4><div class=\"scroll\"><table class=\"plain\"><thead><tr>");
        for (String c : t.head()) {
            h.append("<th>").append(esc(c)).append("</th>");
        }
        h.append("</tr></thead><tbody>");
        for (List<String> row : t.rows()) {
            h.append("<tr>");
            for (String c : row) {
                final boolean strong = c.startsWith(Table.STRONG);
                h.append("<td>").append(strong ? "<b>" : "").append(esc(strong ? c.substring(1) : c))
                        .append(strong ? "</b>" : "").append("</td>");
            }
            h.append("</tr>");
        }
        h.append("</tbody></table></div>");
    }

    private void facts(List<Fact> facts, int max) {
        int i = 0;
        for (Fact f : facts) {
            if (i++ >= max) {
                break;
            }
            h.append(i > 1 ? " · " : "").append("<span class=\"fact\">").append(esc(f.name())).append(" <b>")
                    .append(esc(f.value())).append("</b></span>");
        }
    }

    /** The end of a series' row: its diverged runs and its verdict per kind. */
    private void divergedAndVerdicts(Series s) {
        h.append("<td class=\"num\">").append(s.first() == null ? "" : diverged(s.first())).append("</td>");
        for (String k : ReportModel.KINDS) {
            h.append("<td>");
            badge(s.run(k));
            h.append("</td>");
        }
        h.append("</tr>");
    }

    private void badge(Run r) {
        if (r == null || r.check() == null) {
            h.append("<span class=\"muted\">–</span>");
            return;
        }
        final Check c = r.check();
        final String v = c.counterexample() ? ReportModel.COUNTEREXAMPLE : c.verdict();
        h.append("<span class=\"v ").append(cls(v)).append("\" title=\"").append(esc(c.summary())).append("\">")
                .append(esc(word(v))).append("</span>");
    }

    private void swatch(int colour) {
        final Color c = Plots.PALETTE[Math.floorMod(colour, Plots.PALETTE.length)];
        h.append(String.format(Locale.ROOT, "<span class=\"sw\" style=\"background:#%06X\"></span>", c.getRGB() & 0xFFFFFF));
    }

    private static String diverged(Run r) {
        return r.diverged() + "/" + r.runs();
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.3g", v);
    }

    private static String word(String verdict) {
        return verdict.equals("WITHIN") ? "within" : verdict.replace('_', ' ');
    }

    private static String cls(String verdict) {
        return "v-" + verdict.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static final String CSS = String.join("",
            ":root{--fg:#1f2430;--muted:#5d6677;--line:#e2e5ea;--bg:#f5f6f8;--accent:#0060a0}",
            "*{box-sizing:border-box}",
            "body{margin:0;color:var(--fg);font:14px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',"
                    + "Arial,sans-serif;background:#fff}",
            "a{color:var(--accent);text-decoration:none}a:hover{text-decoration:underline}",
            ".layout{display:grid;grid-template-columns:230px minmax(0,1fr)}",
            ".toc{position:sticky;top:0;height:100vh;overflow:auto;background:var(--bg);border-right:1px solid var(--line);"
                    + "padding:18px 14px;font-size:13px}",
            ".toc-title{margin:0 0 8px;font-weight:600;color:var(--muted);text-transform:uppercase;font-size:11px;"
                    + "letter-spacing:.06em}",
            ".toc ol{list-style:none;margin:0;padding:0}.toc li{margin:5px 0}.toc ol ol{padding-left:12px;font-size:12.5px}",
            ".toc .tally{display:block;margin-top:2px}",
            "main{padding:18px 28px 60px;max-width:1560px}",
            "h1{font-size:24px;margin:0 0 4px}h2{font-size:20px;margin:30px 0 6px;padding-top:6px;"
                    + "border-top:2px solid var(--line)}h3{font-size:16px;margin:18px 0 8px}h4{font-size:13.5px;margin:14px 0 6px}",
            "header{margin-bottom:6px}.lede{margin:0;color:var(--fg)}",
            ".muted{color:var(--muted)}.small,.note{font-size:12.5px;color:var(--muted)}",
            ".note{margin:6px 0 0;max-width:110ch}",
            "table{border-collapse:collapse}th{text-align:left;font-weight:600}",
            "td,th{padding:3px 8px;vertical-align:top}.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}",
            ".overview{width:100%;font-size:13px}.overview td{padding:2px 8px}.overview td.label{white-space:nowrap}",
            ".overview{width:100%;font-size:13px}.overview thead th{border-bottom:2px solid var(--line);color:var(--muted);"
                    + "font-size:12px;white-space:nowrap}",
            ".overview tbody tr:hover{background:#f3f7fb}.overview tr.exp th{padding-top:10px;border-bottom:1px solid var(--line);"
                    + "font-size:13.5px}.overview tr.exp .muted{font-weight:400;font-size:12px;margin-left:8px}",
            ".overview.studies{width:auto;margin-top:12px}.overview tr.exp a{color:var(--fg)}th.theorem{color:var(--fg)!important}",
            ".v{display:inline-block;padding:0 7px;border-radius:9px;font-size:11.5px;font-weight:600;line-height:18px;"
                    + "white-space:nowrap;background:#eceef2;color:#4a5160;cursor:help}",
            ".tally .v{margin-right:4px;cursor:default}.tally.small .v{font-size:10.5px;line-height:16px;padding:0 5px}",
            ".v-holds{background:#d8f1e1;color:#0b6534}.v-violated,.v-counterexample{background:#fbd9d4;color:#9c1408}",
            ".v-unresolved{background:#fdefc6;color:#6e5100}.v-within{background:#e3ecfa;color:#20477f}",
            ".v-exceeded{background:#fde4cf;color:#85400a}",
            ".sw{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:6px;vertical-align:baseline}",
            ".facts{margin:0 0 4px;font-size:13px;color:var(--muted)}.facts b,.exp b{color:var(--fg);font-weight:600}",
            ".desc{margin:4px 0 8px;max-width:120ch;font-size:13px;color:#3b4250}",
            ".panel{margin-top:8px}",
            ".grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(500px,1fr));gap:14px;align-items:start}",
            "figure{margin:0;border:1px solid var(--line);border-radius:6px;padding:8px 10px;background:#fff}",
            "figure svg{display:block;width:100%;height:auto}",
            "figcaption{font-size:12px;color:var(--muted)}figcaption.ftitle{font-size:13px;font-weight:600;color:var(--fg);"
                    + "margin-bottom:4px}",
            ".card{border:1px solid var(--line);border-radius:6px;padding:8px 12px;background:var(--bg)}",
            ".card{overflow-x:auto}.card.across{grid-column:1/-1}.card.across .verdicts{width:auto}.card h4{margin:2px 0 6px}.verdicts{font-size:12.5px;width:100%}.verdicts td,.verdicts th{padding:2px 4px}",
            ".verdicts .label{white-space:nowrap}.verdicts .v{font-size:10.5px;padding:0 5px}.verdicts thead th{color:var(--muted);"
                    + "font-size:11.5px;border-bottom:1px solid var(--line)}",
            "details{margin:12px 0 0}summary{cursor:pointer;color:var(--accent);font-size:13px}",
            ".plain{font-size:12.5px}.plain td,.plain th{border:1px solid var(--line)}.scroll{overflow-x:auto}",
            "pre{background:var(--bg);padding:8px;overflow:auto;font-size:12px;max-height:400px}",
            "@media (max-width:900px){.layout{display:block}.toc{position:static;height:auto}main{padding:12px}"
                    + ".grid{grid-template-columns:1fr}}");
}

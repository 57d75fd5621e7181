package org.distsde.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes a {@link ReportModel} as one self-contained page (well-formed XHTML; every chart an inline
 * SVG, no file or network needed to read it). First screen: the title, the theorem verdicts (on the
 * resolved SDEs) as badges with the discrete comparisons quietly beside them, and one overview of
 * every result, kind by kind, each row linked to its section; a table of contents on the side (a
 * strip on top below 900 px). In compare mode the comparison follows the overview. Then every
 * result's section, rendered by the {@link SectionHtml} of its kind.
 */
final class HtmlPage {
    private static final ExperimentHtml EXPERIMENTS = new ExperimentHtml();
    private static final StudyHtml STUDIES = new StudyHtml();
    private static final FrontierHtml FRONTIERS = new FrontierHtml();
    private static final FitHtml FITS = new FitHtml();
    private static final SweepHtml SWEEPS = new SweepHtml();
    private static final VerifyHtml VERIFY = new VerifyHtml();

    private HtmlPage() { }

    static String render(ReportModel m) {
        final Html h = new Html();
        h.a("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head><meta charset=\"utf-8\"/>"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/><title>").t(m.title())
                .a("</title><style>").a(CSS).a("</style></head>\n<body><div class=\"layout\">");
        toc(m, h);
        h.a("<main>");
        header(m, h);
        h.a("<section id=\"overview\"><h2>Overview</h2>");
        if (m.sections().isEmpty()) {
            h.a("<p class=\"muted\">No results.</p>");
        }
        VERIFY.overview(m.of(VerifySection.class), h);
        EXPERIMENTS.overview(m.of(ExperimentSection.class), h);
        STUDIES.overview(m.of(StudySection.class), h);
        FRONTIERS.overview(m.of(FrontierSection.class), h);
        FITS.overview(m.of(FitSection.class), h);
        SWEEPS.overview(m.of(SweepSection.class), h);
        if (!m.of(ExperimentSection.class).isEmpty()) {
            h.a("<p class=\"note\">The theorems (Theorems 4–7 of seed 002, Section 3 of seed 000) are statements about "
                    + "the SDEs: their verdicts HOLDS / VIOLATED / UNRESOLVED are made on the SDE resolved in Δt. On the "
                    + "optimizer and on the SDE at Δt = η, discrete processes, the SDE's bound is only compared (within "
                    + "/ exceeded), which says nothing about the theorem. NOT CLAIMED: the learning-rate condition "
                    + "failed at every time. Hover a verdict for its reasons.</p>");
        }
        h.a("</section>");
        if (m.comparison() != null) {
            ComparisonHtml.render(m.comparison(), h);
        }
        for (Section s : m.sections()) {
            render(s, h, false);
        }
        h.a("</main></div></body></html>\n");
        return h.toString();
    }

    /** A section's table-of-contents entry ({@code toc}) or its body, by the renderer of its kind. */
    private static void render(Section s, Html h, boolean toc) {
        if (s instanceof ExperimentSection e) {
            if (toc) { EXPERIMENTS.toc(e, h); } else { EXPERIMENTS.body(e, h); }
        } else if (s instanceof StudySection st) {
            if (toc) { STUDIES.toc(st, h); } else { STUDIES.body(st, h); }
        } else if (s instanceof FrontierSection f) {
            if (toc) { FRONTIERS.toc(f, h); } else { FRONTIERS.body(f, h); }
        } else if (s instanceof FitSection f) {
            if (toc) { FITS.toc(f, h); } else { FITS.body(f, h); }
        } else if (s instanceof SweepSection sw) {
            if (toc) { SWEEPS.toc(sw, h); } else { SWEEPS.body(sw, h); }
        } else if (s instanceof VerifySection v) {
            if (toc) { VERIFY.toc(v, h); } else { VERIFY.body(v, h); }
        }
    }

    private static void toc(ReportModel m, Html h) {
        h.a("<nav class=\"toc\" aria-label=\"Contents\"><p class=\"toc-title\">Contents</p><ol>")
                .a("<li><a href=\"#overview\">Overview</a></li>");
        if (m.comparison() != null) {
            h.a("<li><a href=\"#comparison\">Comparison</a></li>");
        }
        for (Section s : m.sections()) {
            render(s, h, true);
        }
        h.a("</ol></nav>");
    }

    private static void header(ReportModel m, Html h) {
        final List<String> theorem = new ArrayList<>(), discrete = new ArrayList<>();
        long series = 0, counter = 0;
        String firstCounter = null;
        for (ExperimentSection e : m.of(ExperimentSection.class)) {
            theorem.addAll(e.theoremVerdicts());
            discrete.addAll(e.discreteVerdicts());
            series += e.series().size();
            counter += e.counterexamples();
            for (ExperimentSection.Series s : e.series()) {
                if (firstCounter == null && s.kinds().values().stream().anyMatch(r -> r.check() != null
                        && r.check().counterexample())) {
                    firstCounter = s.panelId();
                }
            }
        }
        h.a("<header><h1>").t(m.title()).a("</h1><p class=\"lede\">").a(Html.count(m.sections().size(), "result"));
        if (series > 0) {
            h.a(" · ").a(Html.count(series, "series"));
        }
        if (!theorem.isEmpty()) {
            h.a(" · <span class=\"lead\">theorems (resolved SDE)</span> ");
            h.tally(theorem, Html.THEOREM_ORDER, false, true, firstCounter);
        }
        if (!discrete.isEmpty()) {
            h.a(" · <span class=\"muted\">discrete processes vs the bound:</span> ");
            h.tally(discrete, Html.DISCRETE_ORDER, false, false, null);
        }
        if (series > 0 && counter == 0) {
            h.a(" · <span class=\"muted\">no counterexample</span>");
        }
        h.a("</p></header>");
    }

    private static final String CSS = String.join("",
            ":root{--fg:#1f2430;--muted:#5d6677;--line:#e2e5ea;--bg:#f5f6f8;--accent:#0060a0}",
            "*{box-sizing:border-box}",
            "body{margin:0;color:var(--fg);font:14px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',"
                    + "Arial,sans-serif;background:#fff}",
            "a{color:var(--accent);text-decoration:none}a:hover{text-decoration:underline}",
            ".layout{display:grid;grid-template-columns:220px minmax(0,1fr)}",
            ".toc{position:sticky;top:0;height:100vh;overflow:auto;background:var(--bg);border-right:1px solid var(--line);"
                    + "padding:18px 14px;font-size:13px}",
            ".toc-title{margin:0 0 8px;font-weight:600;color:var(--muted);text-transform:uppercase;font-size:11px;"
                    + "letter-spacing:.06em}",
            ".toc ol{list-style:none;margin:0;padding:0}.toc li{margin:5px 0}.toc ol ol{padding-left:12px;font-size:12.5px}",
            ".toc .tally{display:block;margin-top:2px}",
            "main{padding:18px 28px 60px;max-width:1560px}",
            "h1{font-size:24px;margin:0 0 4px}h2{font-size:20px;margin:30px 0 6px;padding-top:6px;"
                    + "border-top:2px solid var(--line)}h3{font-size:16px;margin:18px 0 8px}h4{font-size:13.5px;margin:14px 0 6px}",
            "h2 .kind{font-size:12px;font-weight:400;color:var(--muted);margin-left:6px}",
            "header{margin-bottom:6px}.lede{margin:0 0 4px;color:var(--fg)}.lead{font-weight:600}",
            ".muted{color:var(--muted)}.small,.note{font-size:12.5px;color:var(--muted)}",
            ".note{margin:6px 0 0;max-width:110ch}",
            "table{border-collapse:collapse}th{text-align:left;font-weight:600}",
            "td,th{padding:3px 8px;vertical-align:top}.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}",
            ".overview{width:100%;font-size:13px;margin-bottom:10px}.overview td{padding:2px 8px}",
            ".overview td.label{min-width:24ch}",
            ".overview thead th{border-bottom:2px solid var(--line);color:var(--muted);font-size:12px}",
            ".overview tbody tr:hover{background:#f3f7fb}.overview tr.exp th{padding-top:10px;border-bottom:1px solid var(--line);"
                    + "font-size:13.5px;font-weight:600}.overview tr.exp .muted{font-weight:400;font-size:12px;margin-left:8px}",
            ".overview.studies{width:auto;margin-top:12px}.overview tr.exp a{color:var(--fg)}",
            "th.theorem{color:var(--fg)!important}td.theorem{white-space:nowrap}",
            "td.disc,th.disc{font-size:12px;color:var(--muted);white-space:nowrap}",
            "tr.changed{background:#fff6e5}",
            ".v{display:inline-block;padding:0 7px;border-radius:9px;font-size:11.5px;font-weight:600;line-height:18px;"
                    + "white-space:nowrap;background:#eceef2;color:#4a5160;cursor:help}",
            ".q{font-size:12px;cursor:help;color:var(--muted)}.q.q-exceeded{color:#85400a}",
            ".tally .v,.tally .q{margin-right:6px;cursor:default}.tally.small .v{font-size:10.5px;line-height:16px;padding:0 5px}",
            ".v-holds{background:#d8f1e1;color:#0b6534}.v-violated,.v-counterexample,.v-refuted,.v-fails{background:#fbd9d4;"
                    + "color:#9c1408}",
            ".v-unresolved{background:#fdefc6;color:#6e5100}.v-within{background:#e3ecfa;color:#20477f}",
            ".v-exceeded{background:#fde4cf;color:#85400a}",
            ".sw{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:6px;vertical-align:baseline}",
            ".facts{margin:0 0 4px;font-size:13px;color:var(--muted)}.facts b,.exp b{color:var(--fg);font-weight:600}",
            ".desc{margin:4px 0 8px;max-width:120ch;font-size:13px;color:#3b4250}",
            ".panel{margin-top:8px}",
            ".grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(480px,1fr));gap:14px;align-items:start}",
            ".grid.wide-fig{grid-template-columns:1fr}",
            "figure{margin:0;border:1px solid var(--line);border-radius:6px;padding:8px 10px;background:#fff}",
            "figure svg{display:block;width:100%;height:auto}",
            "figcaption{font-size:12px;color:var(--muted)}figcaption.ftitle{font-size:13px;font-weight:600;color:var(--fg);"
                    + "margin-bottom:4px}",
            ".card{border:1px solid var(--line);border-radius:6px;padding:8px 12px;background:var(--bg);overflow-x:auto}",
            ".card.across{grid-column:1/-1}.card.across .verdicts{width:auto}.card h4{margin:2px 0 6px}",
            ".verdicts{font-size:12.5px;width:100%}.verdicts td,.verdicts th{padding:2px 4px}",
            ".verdicts .v{font-size:10.5px;padding:0 5px}.verdicts thead th{color:var(--muted);"
                    + "font-size:11.5px;border-bottom:1px solid var(--line)}",
            "details{margin:12px 0 0}summary{cursor:pointer;color:var(--accent);font-size:13px}",
            ".plain{font-size:12.5px}.plain td,.plain th{border:1px solid var(--line)}.scroll{overflow-x:auto}",
            "pre{background:var(--bg);padding:8px;overflow:auto;font-size:12px;max-height:400px}",
            // narrower screens: the SDE column goes first, then the contents become a strip on top; the verdict
            // columns (theorem, then the discrete ones) stay in view
            "@media (max-width:1200px){.wide{display:none}.overview td.label{min-width:20ch}}",
            "@media (max-width:980px){.layout{display:block}.toc{position:static;height:auto;border-right:0;"
                    + "border-bottom:1px solid var(--line);padding:8px 14px}.toc-title{display:none}"
                    + ".toc ol{display:flex;flex-wrap:wrap;gap:2px 14px}.toc ol ol,.toc .tally{display:none}.toc li{margin:0}"
                    + "main{padding:12px}.grid{grid-template-columns:1fr}}");
}

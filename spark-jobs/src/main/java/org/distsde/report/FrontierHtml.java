package org.distsde.report;

import java.util.List;
import java.util.Locale;

/** frontier on the page: per grid point the measured frontier against the theorem's ceiling. */
final class FrontierHtml implements SectionHtml<FrontierSection> {
    @Override
    public String kind() {
        return "frontier";
    }

    @Override
    public void overview(List<FrontierSection> fs, Html h) {
        if (fs.isEmpty()) {
            return;
        }
        h.a("<table class=\"overview studies\"><thead><tr><th>stability frontier · grid point</th><th>status</th>"
                + "<th class=\"num\">frontier</th><th class=\"num\">ceiling</th><th class=\"num\">frontier / ceiling</th>"
                + "<th class=\"num\">first-step prediction / frontier</th></tr></thead><tbody>");
        for (FrontierSection f : fs) {
            for (FrontierSection.Point p : f.points()) {
                if (!p.optimizer()) {
                    continue;
                }
                h.a("<tr><td class=\"label\"><a href=\"#").t(f.id()).a("\">").t(f.name()).a("</a> · ").t(p.label())
                        .a("</td><td>").t(p.status()).a("</td><td class=\"num\">").a(Html.num(p.frontier()))
                        .a("</td><td class=\"num\">").a(Html.num(p.ceiling())).a(" <span class=\"muted\">")
                        .t(p.theorem()).a("</span></td><td class=\"num\">").a(Html.num(p.ratio()))
                        .a("</td><td class=\"num\">").a(Html.num(p.overshoot() / p.frontier())).a("</td></tr>");
            }
        }
        h.a("</tbody></table><p class=\"note\">frontier / ceiling below 1: the theorem allows step sizes at which "
                + "runs diverge; above 1: the ceiling is conservative. The first-step prediction is the curvature-"
                + "corrected model's (docs/sde-models.md).</p>");
    }

    @Override
    public void body(FrontierSection f, Html h) {
        h.a("<section class=\"panel\" id=\"").t(f.id()).a("\"><h2>").t(f.name()).a(" <span class=\"kind\">frontier"
                + "</span></h2><p class=\"desc\">").t(f.description()).a("</p><div class=\"grid\">");
        f.figures().forEach(h::figure);
        h.a("<aside class=\"card\"><h4>Grid points</h4><table class=\"verdicts\"><thead><tr><th>grid point</th>"
                + "<th>process</th><th>status</th><th class=\"num\">bracket</th><th class=\"num\">× ceiling</th>"
                + "<th class=\"num\">× optimizer</th></tr></thead><tbody>");
        for (FrontierSection.Point p : f.points()) {
            h.a("<tr><td class=\"label\">").t(p.label()).a("</td><td>").t(p.process()).a("</td><td>").t(p.status())
                    .a("</td><td class=\"num\">")
                    .t(String.format(Locale.ROOT, "[%s, %s]", Html.num(p.lo()), Html.num(p.hi())))
                    .a("</td><td class=\"num\">").a(Html.num(p.ratio())).a("</td><td class=\"num\">")
                    .a(Html.num(p.overOptimizer())).a("</td></tr>");
        }
        h.a("</tbody></table></aside></div></section>");
    }
}

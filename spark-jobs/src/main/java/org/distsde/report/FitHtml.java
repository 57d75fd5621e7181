package org.distsde.report;

import java.util.List;

/**
 * fit-noise on the page: per series the fitted constants against the configured ones, Definition 1's
 * sampled check of the fitted (L0, L1) (REFUTED in bold where its sample contradicts them) and the
 * learning-rate condition with the fitted constants.
 */
final class FitHtml implements SectionHtml<FitSection> {
    @Override
    public String kind() {
        return "fit-noise";
    }

    @Override
    public void overview(List<FitSection> fits, Html h) {
        if (fits.isEmpty()) {
            return;
        }
        h.a("<div class=\"scroll\"><table class=\"overview studies\"><thead><tr><th>noise fit · series</th>"
                + "<th class=\"num\">σ₀² [95%]</th><th class=\"num\">σ₁² [95%]</th><th>(L₀, L₁)</th>"
                + "<th>Definition 1 (sampled)</th><th>condition with the fit</th></tr></thead><tbody>");
        for (FitSection f : fits) {
            for (FitSection.Row r : f.rows()) {
                h.a("<tr><td class=\"label\"><a href=\"#").t(f.id()).a("\">").t(f.name()).a("</a> · ").t(r.series())
                        .a("</td><td class=\"num\">").t(r.sigma0Sq()).a("</td><td class=\"num\">").t(r.sigma1Sq())
                        .a("</td><td>").t(r.l0l1()).a("</td><td>").a(r.definitionOneHolds() ? "" : "<b>")
                        .t(r.definitionOne()).a(r.definitionOneHolds() ? "" : "</b>").a("</td><td>").t(r.condition())
                        .a(": ").t(r.conditionVerdict()).a("</td></tr>");
            }
        }
        h.a("</tbody></table></div>");
    }

    @Override
    public void body(FitSection f, Html h) {
        h.a("<section class=\"panel\" id=\"").t(f.id()).a("\"><h2>").t(f.name()).a(" <span class=\"kind\">fit-noise"
                + "</span></h2><p class=\"desc\">").t(f.description()).a("</p>");
        h.a("<div class=\"scroll\"><table class=\"plain\"><thead><tr><th>series</th><th>fitted σ₀²</th><th>fitted σ₁²</th>"
                + "<th>configured</th><th>smallest tail index</th><th>fitted (L₀, L₁)</th><th>Definition 1</th>"
                + "<th>condition</th></tr></thead><tbody>");
        for (FitSection.Row r : f.rows()) {
            h.a("<tr><td>").t(r.series()).a("</td><td>").t(r.sigma0Sq()).a("</td><td>").t(r.sigma1Sq()).a("</td><td>")
                    .t(r.configured()).a("</td><td>").t(r.tail()).a("</td><td>").t(r.l0l1()).a("</td><td>")
                    .a(r.definitionOneHolds() ? "" : "<b>").t(r.definitionOne()).a(r.definitionOneHolds() ? "" : "</b>")
                    .a("</td><td>").t(r.condition() + ": " + r.conditionVerdict()).a("</td></tr>");
        }
        h.a("</tbody></table></div><div class=\"grid\">");
        f.figures().forEach(h::figure);
        h.a("</div><details><summary>").t(f.agents().heading()).a("</summary>").table(f.agents()).a("</details></section>");
    }
}

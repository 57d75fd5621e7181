package org.distsde.report;

import java.util.List;

/** converge on the page: the fitted weak orders in the overview, the two charts in the section. */
final class StudyHtml implements SectionHtml<StudySection> {
    @Override
    public String kind() {
        return "converge";
    }

    @Override
    public void overview(List<StudySection> studies, Html h) {
        if (studies.isEmpty()) {
            return;
        }
        h.a("<table class=\"overview studies\"><thead><tr><th>convergence study · series</th>"
                + "<th class=\"num\">weak order in Δt [95%]</th><th class=\"num\">weak order in η [95%]</th>"
                + "</tr></thead><tbody>");
        for (StudySection s : studies) {
            for (StudySection.Order o : s.orders()) {
                h.a("<tr><td class=\"label\"><a href=\"#").t(s.id()).a("\">").t(s.name()).a("</a> · ").t(o.series())
                        .a("</td><td class=\"num\">").t(o.dt()).a("</td><td class=\"num\">").t(o.eta()).a("</td></tr>");
            }
        }
        h.a("</tbody></table><p class=\"note\">The papers claim weak order 1 in Δt and in η.</p>");
    }

    @Override
    public void body(StudySection s, Html h) {
        h.a("<section class=\"panel\" id=\"").t(s.id()).a("\"><h2>").t(s.name()).a(" <span class=\"kind\">converge"
                + "</span></h2><p class=\"desc\">").t(s.text()).a("</p><div class=\"grid\">");
        s.figures().forEach(h::figure);
        h.a("</div></section>");
    }
}

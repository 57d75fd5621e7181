package org.distsde.report;

import java.util.List;

/** verify on the page: the statements' verdicts in the overview, the full table in the section. */
final class VerifyHtml implements SectionHtml<VerifySection> {
    @Override
    public String kind() {
        return "verify";
    }

    @Override
    public void overview(List<VerifySection> vs, Html h) {
        for (VerifySection v : vs) {
            h.a("<p class=\"lede\"><a href=\"#").t(v.id()).a("\">").t(v.name()).a("</a>: ")
                    .a(Html.count(v.statements().size(), "statement")).a(" checked · ");
            h.tally(v.verdicts(), v.verdicts().stream().distinct().toList(), false, true, null);
            h.a("</p>");
        }
    }

    @Override
    public void body(VerifySection v, Html h) {
        h.a("<section class=\"panel\" id=\"").t(v.id()).a("\"><h2>").t(v.name()).a(" <span class=\"kind\">verify"
                + "</span></h2><div class=\"scroll\"><table class=\"plain\"><thead><tr><th>paper</th><th>statement</th>"
                + "<th>verdict</th><th>measured</th><th>predicted</th><th>errors</th></tr></thead><tbody>");
        for (VerifySection.Statement s : v.statements()) {
            h.a("<tr><td>").t(s.paper()).a("</td><td>").t(s.statement()).a("</td><td>")
                    .badge(s.verdict().toUpperCase(java.util.Locale.ROOT).replace(' ', '_'), s.errors()).a("</td><td>")
                    .t(s.measured()).a("</td><td>").t(s.predicted()).a("</td><td>").t(s.errors()).a("</td></tr>");
        }
        h.a("</tbody></table></div></section>");
    }
}

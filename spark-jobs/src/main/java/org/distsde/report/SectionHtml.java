package org.distsde.report;

import java.util.List;

/**
 * The renderer of one result kind: its part of the page's one overview (all the sections of its
 * kind in one table) and its own section. {@link HtmlPage} calls one per kind, in a fixed order.
 */
interface SectionHtml<S extends Section> {
    /** The sections' rows in the overview (nothing when the list is empty). */
    void overview(List<S> sections, Html h);

    /** One section of the page. */
    void body(S section, Html h);

    /** The kind's name in the table of contents ("" for simulate / integrate). */
    default String kind() {
        return "";
    }

    /** The section's entry in the table of contents (its anchor is {@link Section#id()}). */
    default void toc(S section, Html h) {
        h.a("<li><a href=\"#").t(section.id()).a("\">").t(section.name()).a("</a>")
                .a(kind().isEmpty() ? "" : " <span class=\"muted\">" + kind() + "</span>").a("</li>");
    }
}

package org.distsde.report;

import java.util.List;

/**
 * One result directory on the report's page: its anchor, its name, and the charts it draws (written
 * as PNG and SVG next to the page). One record per result kind, each with its reader and its
 * {@link SectionHtml} renderer.
 */
sealed interface Section permits ExperimentSection, StudySection, FrontierSection, FitSection, SweepSection,
        VerifySection {
    String id();

    String name();

    List<ReportModel.Figure> figures();
}

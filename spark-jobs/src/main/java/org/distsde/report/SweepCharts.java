package org.distsde.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.util.HashSet;
import java.util.List;
import org.distsde.io.ResultDir;

/**
 * What {@code sweep-charts} writes: the points of a sweep over N ({@link SweepData}) as
 * NAME-points.csv with {@link SweepSection#META} (so that {@code report} reads the directory), and
 * their figures ({@link SweepFigures}) as NAME.png / .svg (the grid) and NAME-theorem.png / .svg.
 */
public final class SweepCharts {
    private SweepCharts() { }

    /** Extracts the points of {@code data}, writes the files into the (uncommitted) directory; returns the text table. */
    public static String write(ResultDir dir, String name, String title, List<ResultData> data) throws IOException {
        final SweepData.Sweep sweep = SweepData.extract(data);
        System.setProperty("java.awt.headless", "true");
        final SweepSection s = SweepSection.of(name, title, sweep, new HashSet<>());
        for (ReportModel.Figure f : s.figures()) {
            final String stem = f.stem().equals(s.id()) ? name : name + "-theorem";
            try (OutputStream o = dir.create(stem + ".png")) {
                o.write(f.drawing().png());
            }
            dir.writeString(stem + ".svg", f.drawing().svg());
        }
        dir.writeString(name + "-points.csv", SweepData.csv(sweep));
        final ObjectNode meta = new ObjectMapper().createObjectNode();
        meta.put("name", name);
        meta.put("title", title);
        meta.put("points", name + "-points.csv");
        dir.writeString(SweepSection.META, meta.toPrettyString() + "\n");
        return SweepData.table(sweep);
    }
}

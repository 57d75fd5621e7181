package org.distsde.cli;

import java.util.ArrayList;
import java.util.List;
import org.distsde.report.SweepCharts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/** {@code sweep-charts}: final loss, diverged fraction, tail index and Theorem 7's bound against N ({@link SweepCharts}). */
@Command(name = "sweep-charts",
        description = {"final loss (median, p95), diverged fraction, tail index and Theorem 7's bound against N",
            "(options: --in <result dir> [--in ...] --out <dir> [--overwrite] [--name NAME] [--title T])"})
public final class SweepChartsCommand extends Verb {
    @Unmatched
    private List<String> args = new ArrayList<>();

    @Override
    protected int run() {
        return SweepCharts.run(args.toArray(new String[0]), out(), err());
    }
}

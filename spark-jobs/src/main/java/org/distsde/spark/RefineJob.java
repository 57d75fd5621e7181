package org.distsde.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.distsde.config.ExperimentConfig;
import org.distsde.sde.SdeSimulation;
import org.distsde.sde.refine.LevelStats;
import org.distsde.sde.refine.Refinement;
import org.distsde.sim.RoundStats;

/**
 * The Δt-resolved SDE of every series of a sweep: level 0 (Δt₀ = {@code sde.dt}, default η: the
 * model of the optimizer) of all series in one Spark job ({@link SweepJob}), then level 1 of the
 * series not yet settled in the next job, and so on ({@link Refinement}); every level draws the
 * same Brownian paths (nested increments), so consecutive levels are strongly coupled and their
 * differences have a small Monte Carlo error.
 */
public final class RefineJob {
    private RefineJob() { }

    /** A series' refinement, its compute time over all levels and where each level's job ran. */
    public record Result(Refinement refinement, double seconds, List<Dispatch> dispatches) {
        /** Level 0: the SDE at Δt₀, the model of the optimizer. */
        public List<RoundStats> model() {
            return refinement.levels().get(0).rows();
        }
    }

    /**
     * @param all integrate every level up to {@code sde.maxRefinements} (the convergence study)
     *            instead of stopping when the tolerance is met
     */
    public static List<Result> runAll(JavaSparkContext sc, List<ExperimentConfig> cfgs, boolean all) {
        final int n = cfgs.size();
        final List<Refinement> refs = new ArrayList<>();
        final double[] seconds = new double[n];
        final List<List<Dispatch>> dispatches = new ArrayList<>();
        for (ExperimentConfig c : cfgs) {
            final int max = c.sde().maxRefinements();
            dispatches.add(new ArrayList<>());
            refs.add(all ? new Refinement(0, max, c.sde().schemeKind()) // tolerance 0: never converged early
                    : new Refinement(c.sde().tolerance(), max, c.sde().schemeKind()));
        }
        for (int level = 0; ; level++) {
            final List<Integer> todo = new ArrayList<>();
            for (int s = 0; s < n; s++) {
                if (refs.get(s).nextLevel() == level && !(level > 0 && refs.get(s).done())) {
                    todo.add(s);
                }
            }
            if (todo.isEmpty()) {
                break;
            }
            final List<ExperimentConfig> cs = new ArrayList<>();
            for (int s : todo) {
                cs.add(cfgs.get(s));
            }
            final List<SweepJob.Series<SdeSimulation.Block>> res = IntegrateJob.blocks(sc, cs, level);
            for (int i = 0; i < todo.size(); i++) {
                final int s = todo.get(i);
                final List<SdeSimulation.Block> bs = res.get(i).blocks();
                final double dt = new SdeSimulation(cfgs.get(s), level).dt();
                refs.get(s).add(LevelStats.of(level, dt, SdeSimulation.combine(bs), bs, LevelStats.DEFAULT_BATCHES));
                seconds[s] += res.get(i).seconds();
                dispatches.get(s).add(res.get(i).dispatch());
            }
        }
        final List<Result> out = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            out.add(new Result(refs.get(s), seconds[s], dispatches.get(s)));
        }
        return out;
    }
}

package org.distsde.cli;

import org.distsde.config.ConfigException;
import org.distsde.config.ConfigLoader;
import org.distsde.config.ExperimentConfig;
import org.distsde.config.Series;
import org.distsde.sde.SdeSimulation;
import org.distsde.sim.Simulation;

/**
 * Checks every series of a sweep in full before the first Spark job: the objective, the noise and
 * compression of every agent, the optimizer's kernel, the step rule and the layout, and the SDE of
 * every series that will integrate one (its drift and diffusion exist: e.g. Eq. 8 / 27–28 need a
 * finite noise covariance, ν &gt; 2). A failure is one {@link ConfigException} naming the series
 * (its swept values) and the reason, before anything is written. Series whose objective is defined
 * by data are checked once their rows are attached ({@code resolved}), the others at once.
 */
final class Preflight {
    /** Which parts of a series a command runs. */
    enum Needs {
        /** The optimizer, and the SDE where {@code sde.enabled} (simulate, fit-noise, frontier). */
        OPTIMIZER,
        /** Only the SDE (integrate). */
        SDE,
        /** Both, whatever {@code sde.enabled} says (converge). */
        BOTH
    }

    private Preflight() { }

    /** Checks the series that can be checked now (all but unresolved data-defined ones). */
    static void check(ConfigLoader.Experiment exp, Needs needs) {
        final int n = exp.series().size();
        for (Series s : exp.series()) {
            final ExperimentConfig c = s.config();
            if (c.objective().dataDefined() && !c.objective().data().resolved()) {
                continue;
            }
            try {
                if (needs != Needs.SDE) {
                    c.layout().byRuns(c.normalization());
                    new Simulation(c); // the objective, every agent's noise and compression, the step rule
                    org.distsde.optim.Optimizers.of(c).kernel(c);
                }
            } catch (ConfigException | IllegalArgumentException e) {
                throw new ConfigException(where(s, n) + e.getMessage());
            }
            try {
                if (needs != Needs.OPTIMIZER || c.sde().enabled()) {
                    new SdeSimulation(c); // the SDE's drift and diffusion, its recorded steps
                }
            } catch (ConfigException | IllegalArgumentException e) {
                throw new ConfigException(where(s, n) + e.getMessage()
                        + (needs == Needs.OPTIMIZER ? "; or sde.enabled false to run the optimizer alone" : ""));
            }
        }
    }

    /** "series 2/3 (noise.nu=1.5): " for a sweep, "" for a single series. */
    static String where(Series s, int n) {
        return n <= 1 ? "" : "series " + (s.index() + 1) + "/" + n + " (" + s.label() + "): ";
    }
}

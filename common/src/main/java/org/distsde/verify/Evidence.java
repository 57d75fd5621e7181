package org.distsde.verify;

import java.io.Serializable;
import java.util.List;
import org.distsde.config.ExperimentConfig;
import org.distsde.sde.refine.Refinement;
import org.distsde.sim.RoundStats;

/**
 * What was run for one series of a statement's config: its label and config, the optimizer's rows
 * (null unless {@link Need#OPTIMIZER}), the SDE's rows as configured (the resolved estimate when
 * {@code sde.resolve}, else the level at {@code sde.dt}; null unless {@link Need#SDE}) with its
 * {@link Refinement} (null unless resolved), and the η study (null unless {@link Need#ETA_STUDY}).
 */
public record Evidence(String label, ExperimentConfig config, List<RoundStats> optimizer, List<RoundStats> sde,
                       Refinement refinement, EtaStudy eta) implements Serializable { }

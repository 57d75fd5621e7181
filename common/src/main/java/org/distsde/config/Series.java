package org.distsde.config;

import java.io.Serializable;
import java.util.Map;

/**
 * One combination of an experiment's sweep.
 *
 * @param index  position in the sweep (0-based, sweep keys vary the last one fastest)
 * @param label  e.g. "noise.sigma1=3 normalization.type=theorem" ("base" without a sweep)
 * @param params the swept values of this series, by config path
 * @param config the resolved, validated configuration
 */
public record Series(int index, String label, Map<String, String> params, ExperimentConfig config)
        implements Serializable { }

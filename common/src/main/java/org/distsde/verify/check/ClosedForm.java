package org.distsde.verify.check;

import java.io.Serializable;
import org.distsde.config.ExperimentConfig;

/** A closed form of a paper evaluated at a series' config (serializable: checks are catalogue data). */
@FunctionalInterface
public interface ClosedForm extends Serializable {
    double of(ExperimentConfig c);
}

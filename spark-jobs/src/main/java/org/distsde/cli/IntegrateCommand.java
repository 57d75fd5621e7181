package org.distsde.cli;

import picocli.CommandLine.Command;

/** {@code integrate}: only the SDEs of every series. */
@Command(name = "integrate", sortOptions = false,
        description = {"integrate the optimizers' SDEs (Eq. 8, 27-28, 49-52) with Euler-Maruyama over paths "
                + "(at dt = eta, the model of the optimizer, and resolved in dt for the theorem checks)"})
final class IntegrateCommand extends SimulateCommand {
    @Override
    boolean optimizers() {
        return false;
    }
}

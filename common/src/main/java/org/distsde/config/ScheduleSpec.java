package org.distsde.config;

import java.io.Serializable;
import org.distsde.schedule.PowerDecay;
import org.distsde.schedule.Schedule;

/** {@code schedule}: {@code type} constant (ηₜ = 1) or power (ηₜ = (t+1)^−θ, {@code theta}). */
public record ScheduleSpec(String type, Double theta) implements Serializable {
    public ScheduleSpec {
        type = type == null ? "constant" : type;
        switch (type) {
            case "constant" -> {
                if (theta != null) {
                    throw new ConfigException("schedule.theta needs schedule.type power");
                }
            }
            case "power" -> Check.nonNegative("schedule.theta", Check.required("schedule.theta", theta));
            default -> throw new ConfigException("schedule.type must be constant or power (got '" + type + "')");
        }
    }

    public static ScheduleSpec constant() {
        return new ScheduleSpec("constant", null);
    }

    public Schedule build() {
        return type.equals("constant") ? Schedule.constant() : new PowerDecay(theta);
    }
}

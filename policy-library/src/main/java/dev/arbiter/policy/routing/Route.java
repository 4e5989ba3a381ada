package dev.arbiter.policy.routing;

import java.util.Arrays;
import java.util.Optional;

/** Where the routing decision sends content: decided by the machine (allow, remove) or by people (review, escalate). */
public enum Route {
    ALLOW, REMOVE, REVIEW, ESCALATE;

    /** The value used in the DMN table and in process variables. */
    public String value() {
        return name().toLowerCase();
    }

    public boolean needsHuman() {
        return this == REVIEW || this == ESCALATE;
    }

    public static Optional<Route> fromValue(String value) {
        return Arrays.stream(values()).filter(r -> r.value().equals(value)).findFirst();
    }
}

package dev.arbiter.policy.routing;

/** One input column of the routing table: the signal it reads and the allowed values it declares (may be null). */
public record InputColumn(String id, String label, Signal signal, String allowedValues) {

    /** How people and error messages name the column: the signal variable. */
    public String name() {
        return signal.variable();
    }
}

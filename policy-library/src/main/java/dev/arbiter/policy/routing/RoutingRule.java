package dev.arbiter.policy.routing;

import java.util.List;
import java.util.Map;

/** One row of the routing table as written: the FEEL text of each input entry and of each output entry. */
public record RoutingRule(String id, String description, int index, List<String> inputEntries, Map<String, String> outputEntries) {

    public RoutingRule {
        inputEntries = List.copyOf(inputEntries);
        outputEntries = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(outputEntries));
    }
}

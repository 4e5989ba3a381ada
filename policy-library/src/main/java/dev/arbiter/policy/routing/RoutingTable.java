package dev.arbiter.policy.routing;

import java.util.List;
import java.util.Optional;

/** The routing decision table as written in the DMN: hit policy, input columns, output names and rules in order. */
public record RoutingTable(String decisionId, String hitPolicy, List<InputColumn> inputs, List<String> outputs, List<RoutingRule> rules) {

    public RoutingTable {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        rules = List.copyOf(rules);
    }

    public Optional<RoutingRule> rule(String id) {
        return rules.stream().filter(r -> r.id().equals(id)).findFirst();
    }
}

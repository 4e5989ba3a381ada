package dev.arbiter.policy.backtest;

import dev.arbiter.policy.PolicyRef;
import dev.arbiter.policy.routing.Route;
import java.util.List;
import java.util.Map;

/**
 * How a draft would have decided a sample of past cases. A decision changes when its route or its
 * category differs from the one actually taken. changedByCategory and changedByRoute count changed
 * cases by the category and route actually taken; routeTransitions counts "before -> after" pairs.
 */
public record BacktestReport(
        PolicyRef policy,
        int cases,
        int changed,
        Map<String, Integer> changedByCategory,
        Map<Route, Integer> changedByRoute,
        Map<String, Integer> routeTransitions,
        List<ChangedDecision> examples) {

    public BacktestReport {
        changedByCategory = Map.copyOf(changedByCategory);
        changedByRoute = Map.copyOf(changedByRoute);
        routeTransitions = Map.copyOf(routeTransitions);
        examples = List.copyOf(examples);
    }

    public int unchanged() {
        return cases - changed;
    }
}

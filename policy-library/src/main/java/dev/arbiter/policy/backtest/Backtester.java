package dev.arbiter.policy.backtest;

import dev.arbiter.policy.CompiledPolicy;
import dev.arbiter.policy.PolicyRef;
import dev.arbiter.policy.routing.Route;
import dev.arbiter.policy.routing.RoutingDecision;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Replays past cases through a policy with the production DMN engine and counts what would change. */
public final class Backtester {

    /** At most this many examples per route transition, so every kind of change is shown. */
    public static final int EXAMPLES_PER_TRANSITION = 3;

    private Backtester() {
    }

    public static BacktestReport run(CompiledPolicy policy, PolicyRef ref, List<PastCase> cases) {
        List<RoutingDecision> decisions = cases.parallelStream().map(c -> policy.evaluate(c.signals(), ref)).toList();
        Map<String, Integer> byCategory = new TreeMap<>();
        Map<Route, Integer> byRoute = new TreeMap<>();
        Map<String, Integer> transitions = new TreeMap<>();
        List<ChangedDecision> examples = new ArrayList<>();
        int changed = 0;
        for (int i = 0; i < cases.size(); i++) {
            PastCase before = cases.get(i);
            RoutingDecision after = decisions.get(i);
            if (before.route() == after.route() && before.category().equals(after.category())) {
                continue;
            }
            changed++;
            byCategory.merge(before.category(), 1, Integer::sum);
            byRoute.merge(before.route(), 1, Integer::sum);
            String transition = before.route().value() + " -> " + after.route().value();
            int seen = transitions.merge(transition, 1, Integer::sum);
            if (seen <= EXAMPLES_PER_TRANSITION) {
                examples.add(new ChangedDecision(before.caseId(), before.route(), before.category(), after.route(), after.category(), after.ruleId()));
            }
        }
        return new BacktestReport(ref, cases.size(), changed, byCategory, byRoute, transitions, examples);
    }
}

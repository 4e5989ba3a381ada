package dev.arbiter.policy.backtest;

import dev.arbiter.policy.routing.RoutingDecision;
import java.time.Instant;

/** What a draft would have decided for a live case, next to what the live policy decided; nothing is acted on. */
public record ShadowEvaluation(String caseId, String draftId, RoutingDecision live, RoutingDecision shadow, Instant at) {

    /** True when the draft would have routed or categorised the case differently. */
    public boolean diverged() {
        return live.route() != shadow.route() || !live.category().equals(shadow.category());
    }
}

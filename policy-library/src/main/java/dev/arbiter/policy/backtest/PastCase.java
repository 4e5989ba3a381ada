package dev.arbiter.policy.backtest;

import dev.arbiter.policy.routing.Route;
import dev.arbiter.policy.routing.RoutingSignals;
import java.util.Objects;

/** A case decided in the past: the signals stored with it and the route and category actually taken. */
public record PastCase(String caseId, RoutingSignals signals, Route route, String category) {

    public PastCase {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(signals, "signals");
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(category, "category");
    }
}

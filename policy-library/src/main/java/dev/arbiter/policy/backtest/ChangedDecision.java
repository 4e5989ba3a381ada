package dev.arbiter.policy.backtest;

import dev.arbiter.policy.routing.Route;

/** One case the draft would decide differently, with the draft rule responsible. */
public record ChangedDecision(String caseId, Route routeBefore, String categoryBefore, Route routeAfter, String categoryAfter, String ruleId) {
}

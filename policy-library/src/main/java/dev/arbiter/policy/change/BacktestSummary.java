package dev.arbiter.policy.change;

import java.time.Instant;

/** The headline of the latest backtest of a draft, kept with the draft for the approver. */
public record BacktestSummary(int cases, int changed, Instant ranAt, String ranBy) {
}

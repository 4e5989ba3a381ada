package dev.arbiter.policy.change;

/** Where a policy change stands: open for backtest and review, approved, published, or rejected. */
public enum DraftStatus {
    OPEN, APPROVED, PUBLISHED, REJECTED
}

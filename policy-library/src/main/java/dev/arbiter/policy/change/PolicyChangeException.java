package dev.arbiter.policy.change;

/** A change-control step that is not allowed now: unknown draft, wrong state, stale base, missing backtest. */
public class PolicyChangeException extends RuntimeException {

    public PolicyChangeException(String message) {
        super(message);
    }
}

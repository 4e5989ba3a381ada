package dev.arbiter.policy.change;

import java.time.Instant;

/** One entry of the change log auditors read: who did what to which draft or version, and when. */
public record PolicyEvent(Instant at, String actor, Type type, String subject, String detail) {

    public enum Type {
        DRAFTED, BACKTESTED, APPROVED, REJECTED, PUBLISHED, ROLLED_BACK
    }
}

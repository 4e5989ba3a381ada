package dev.arbiter.policy.taxonomy;

/** Values of the statement-of-reasons field decision_account. */
public enum DsaAccountRestriction {
    DECISION_ACCOUNT_SUSPENDED,
    DECISION_ACCOUNT_TERMINATED
}

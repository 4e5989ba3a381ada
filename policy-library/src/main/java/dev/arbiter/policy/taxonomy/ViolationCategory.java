package dev.arbiter.policy.taxonomy;

/**
 * A kind of violation the platform acts on, with the DSA category and ground a statement of
 * reasons reports for it. groundText is the legal provision (illegal content) or the terms-of-service
 * clause (incompatible content).
 */
public record ViolationCategory(
        String id,
        String name,
        Severity severity,
        DsaStatementCategory dsaCategory,
        String dsaKeyword,
        DecisionGround ground,
        String groundText) {
}

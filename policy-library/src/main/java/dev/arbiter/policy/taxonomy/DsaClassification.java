package dev.arbiter.policy.taxonomy;

import java.util.List;

/** The DSA statement-of-reasons fields that follow from a reason code, ready for the transparency database. */
public record DsaClassification(
        String reasonCode,
        DsaStatementCategory category,
        String categorySpecification,
        DecisionGround ground,
        String groundText,
        List<DsaVisibility> decisionVisibility,
        DsaAccountRestriction decisionAccount,
        String explanation) {
}

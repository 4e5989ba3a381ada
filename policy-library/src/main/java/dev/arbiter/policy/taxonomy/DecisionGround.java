package dev.arbiter.policy.taxonomy;

/** The DSA decision_ground: the content is illegal, or it is incompatible with the terms of service. */
public enum DecisionGround {
    ILLEGAL_CONTENT("DECISION_GROUND_ILLEGAL_CONTENT"),
    TERMS_OF_SERVICE("DECISION_GROUND_INCOMPATIBLE_CONTENT");

    private final String dsaValue;

    DecisionGround(String dsaValue) {
        this.dsaValue = dsaValue;
    }

    /** The value of the statement-of-reasons field decision_ground. */
    public String dsaValue() {
        return dsaValue;
    }
}

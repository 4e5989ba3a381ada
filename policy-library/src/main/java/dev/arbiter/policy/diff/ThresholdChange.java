package dev.arbiter.policy.diff;

/** A numeric input entry of a rule that changed, e.g. spam "&gt;= 0.97" to "&gt;= 0.95". */
public record ThresholdChange(String ruleId, String signal, String before, String after) {
}

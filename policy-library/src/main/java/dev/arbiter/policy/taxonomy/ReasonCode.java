package dev.arbiter.policy.taxonomy;

/**
 * A reason a decision gives: its violation category ("none" when there is no violation), the action
 * it leads to, and the plain-language text the user reads in the notice.
 */
public record ReasonCode(String code, String category, String action, String noticeText) {
}

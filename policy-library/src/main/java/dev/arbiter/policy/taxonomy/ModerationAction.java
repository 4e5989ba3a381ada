package dev.arbiter.policy.taxonomy;

import java.util.List;

/** What is done to content or an account (allow, label, demote, remove, suspend) and how the DSA records it. */
public record ModerationAction(
        String id,
        String name,
        List<DsaVisibility> decisionVisibility,
        DsaAccountRestriction decisionAccount) {

    public ModerationAction {
        decisionVisibility = decisionVisibility == null ? List.of() : List.copyOf(decisionVisibility);
    }

    /** True when the action restricts something and so needs a statement of reasons (DSA Art. 17). */
    public boolean restricts() {
        return !decisionVisibility.isEmpty() || decisionAccount != null;
    }
}

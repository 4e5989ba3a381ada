package dev.arbiter.policy.diff;

import java.util.List;

/** A rule present in both versions whose entries differ. */
public record RuleChange(String ruleId, List<EntryChange> entries) {

    public RuleChange {
        entries = List.copyOf(entries);
    }
}

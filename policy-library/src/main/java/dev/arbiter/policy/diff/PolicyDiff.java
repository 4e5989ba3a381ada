package dev.arbiter.policy.diff;

import java.util.List;

/**
 * What changed between two policies: rules added, removed and changed (by rule id), rules that moved
 * (order matters under hit policy FIRST), numeric thresholds changed, and taxonomy entries changed.
 */
public record PolicyDiff(
        String from,
        String to,
        List<String> rulesAdded,
        List<String> rulesRemoved,
        List<RuleChange> rulesChanged,
        List<String> rulesMoved,
        List<ThresholdChange> thresholdsChanged,
        List<String> taxonomyChanges) {

    public PolicyDiff {
        rulesAdded = List.copyOf(rulesAdded);
        rulesRemoved = List.copyOf(rulesRemoved);
        rulesChanged = List.copyOf(rulesChanged);
        rulesMoved = List.copyOf(rulesMoved);
        thresholdsChanged = List.copyOf(thresholdsChanged);
        taxonomyChanges = List.copyOf(taxonomyChanges);
    }

    public boolean isEmpty() {
        return rulesAdded.isEmpty() && rulesRemoved.isEmpty() && rulesChanged.isEmpty() && rulesMoved.isEmpty() && taxonomyChanges.isEmpty();
    }
}

package dev.arbiter.policy;

import java.util.Objects;

/**
 * Names the policy that produced a result: a published version ("v3") or a draft ("draft-d7"),
 * plus the content hash, so an audit record can always be traced to the exact tables.
 */
public record PolicyRef(String label, String contentHash) {

    public PolicyRef {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(contentHash, "contentHash");
    }

    public static PolicyRef version(int number, String contentHash) {
        return new PolicyRef("v" + number, contentHash);
    }

    public static PolicyRef draft(String draftId, String contentHash) {
        return new PolicyRef("draft-" + draftId, contentHash);
    }
}

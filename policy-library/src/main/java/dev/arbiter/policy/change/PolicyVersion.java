package dev.arbiter.policy.change;

import dev.arbiter.policy.PolicyBundle;
import dev.arbiter.policy.PolicyRef;
import java.time.Instant;

/**
 * A published, immutable policy version. draftId names the approved change it came from; restoredFrom
 * names the version whose content a rollback republished. Exactly one of the two is set, except for
 * the initial version, which has neither.
 */
public record PolicyVersion(
        int number,
        PolicyBundle content,
        String contentHash,
        String author,
        String approver,
        String publishedBy,
        Instant publishedAt,
        String rationale,
        String draftId,
        Integer restoredFrom) {

    public PolicyRef ref() {
        return PolicyRef.version(number, contentHash);
    }
}

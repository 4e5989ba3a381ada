package dev.arbiter.policy.change;

import dev.arbiter.policy.PolicyBundle;
import dev.arbiter.policy.PolicyRef;
import java.time.Instant;

/**
 * A proposed policy change: full new content, who wrote it and why, the version it was drafted
 * against, its latest backtest and its review. Nullable fields are unset until that step happens.
 */
public record PolicyDraft(
        String id,
        String author,
        String rationale,
        PolicyBundle content,
        String contentHash,
        int baseVersion,
        Instant createdAt,
        DraftStatus status,
        BacktestSummary backtest,
        String reviewer,
        String reviewComment,
        Instant reviewedAt,
        Integer publishedVersion) {

    public PolicyRef ref() {
        return PolicyRef.draft(id, contentHash);
    }

    public PolicyDraft withBacktestSummary(BacktestSummary summary) {
        return new PolicyDraft(id, author, rationale, content, contentHash, baseVersion, createdAt, status, summary, reviewer, reviewComment,
                reviewedAt, publishedVersion);
    }

    public PolicyDraft review(DraftStatus outcome, String by, String comment, Instant at) {
        return new PolicyDraft(id, author, rationale, content, contentHash, baseVersion, createdAt, outcome, backtest, by, comment, at,
                publishedVersion);
    }

    public PolicyDraft publishedAs(int version) {
        return new PolicyDraft(id, author, rationale, content, contentHash, baseVersion, createdAt, DraftStatus.PUBLISHED, backtest, reviewer,
                reviewComment, reviewedAt, version);
    }
}

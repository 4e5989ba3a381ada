package dev.arbiter.policy.change;

import dev.arbiter.policy.backtest.ShadowEvaluation;
import java.util.List;
import java.util.Optional;

/**
 * Where drafts, versions, the change log and shadow results live. The in-memory store serves tests and
 * single-node use; the service provides a PostgreSQL implementation with the same contract.
 */
public interface PolicyStore {

    /** A new, unique draft id. */
    String nextDraftId();

    /** Inserts or replaces the draft with this id. */
    void saveDraft(PolicyDraft draft);

    Optional<PolicyDraft> draft(String id);

    List<PolicyDraft> drafts();

    /**
     * Appends a version and, in the same transaction, saves the draft it publishes (if any).
     * Fails with {@link PolicyChangeException} unless version.number() is the latest number + 1,
     * so two concurrent publishes cannot both succeed.
     */
    void publish(PolicyVersion version, Optional<PolicyDraft> publishedDraft);

    Optional<PolicyVersion> version(int number);

    Optional<PolicyVersion> latestVersion();

    /** All versions, oldest first. */
    List<PolicyVersion> versions();

    void recordEvent(PolicyEvent event);

    /** The change log, oldest first. */
    List<PolicyEvent> events();

    void recordShadow(ShadowEvaluation evaluation);

    List<ShadowEvaluation> shadowEvaluations(String draftId);
}

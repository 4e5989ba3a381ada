package dev.arbiter.service.policy;

import java.time.Instant;

/**
 * How a policy-change workflow ended, as its last task recorded it.
 *
 * @param outcome published, rejected or expired
 * @param policyVersion the version it became, when published
 */
public record ClosedChange(String draftId, String outcome, Integer policyVersion, Long processInstanceKey, Instant recordedAt) {}

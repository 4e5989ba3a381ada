package dev.arbiter.service.audit;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One decision as an auditor sees it: automatic or human, enforcement, escalation or reversal. The id
 * is the decision's own, so writing the same record again (a retried job) changes nothing. Records about
 * an appeal carry its id and outcome (filed, ineligible, upheld, overturned, escalated), and
 * linkedDecisionId names the original decision the appeal is about.
 */
public record AuditRecord(
    String id,
    Kind kind,
    String caseId,
    String contentRef,
    String platformId,
    String actorId,
    ActorType actorType,
    String action,
    String category,
    String reasonCode,
    String policyVersion,
    Map<String, String> modelVersions,
    Map<String, Double> scores,
    String queue,
    Long waitTimeMillis,
    String linkedDecisionId,
    Instant decidedAt,
    Instant recordedAt,
    String note,
    String statementOfReasons,
    String appealId,
    String appealOutcome) {

  public enum Kind {
    DECISION,
    ENFORCEMENT,
    ESCALATION,
    REVERSAL,
    BLIND_AUDIT,
    REASSIGNMENT,
    APPEAL_FILED,
    APPEAL_DECISION
  }

  public enum ActorType {
    AUTOMATED,
    HUMAN
  }

  public AuditRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(caseId, "caseId");
    Objects.requireNonNull(actorType, "actorType");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(decidedAt, "decidedAt");
    modelVersions = modelVersions == null ? Map.of() : Map.copyOf(modelVersions);
    scores = scores == null ? Map.of() : Map.copyOf(scores);
  }
}

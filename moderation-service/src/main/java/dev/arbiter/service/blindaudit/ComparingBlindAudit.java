package dev.arbiter.service.blindaudit;

import dev.arbiter.service.audit.AuditRecord;
import dev.arbiter.service.decision.Decision;
import dev.arbiter.service.decision.Decisions;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * A blind auditor decided a sampled case: the verdict, with whether it matches the automatic decision,
 * is stored with the decision (so agreement never depends on the workflow) and audited by the process.
 */
@Service
public class ComparingBlindAudit {

  private final BlindAudits blindAudits;
  private final Decisions decisions;

  public ComparingBlindAudit(BlindAudits blindAudits, Decisions decisions) {
    this.blindAudits = blindAudits;
    this.decisions = decisions;
  }

  /** Runs in the transaction that stores the auditor's decision. */
  public void recordVerdict(UUID queueItemId, Decision auditorDecision) {
    BlindAudits.BlindAudit audit =
        blindAudits.ofItem(queueItemId).orElseThrow(() -> new IllegalStateException("Item " + queueItemId + " is not a blind audit"));
    Decision automatic = decisions.find(audit.automaticDecision()).orElseThrow();
    blindAudits.recordVerdict(queueItemId, auditorDecision, automatic.sameOutcomeAs(auditorDecision));
  }

  /** The audit document of a blind auditor's decision: linked to the automatic one, with the verdict in the note. */
  public AuditRecord auditRecord(AuditRecord auditorDecision, UUID queueItemId) {
    BlindAudits.BlindAudit audit =
        blindAudits.ofItem(queueItemId).orElseThrow(() -> new IllegalStateException("Item " + queueItemId + " is not a blind audit"));
    String verdict =
        Optional.ofNullable(audit.agrees()).map(agrees -> agrees ? "agrees with" : "disagrees with").orElse("not compared with");
    return new AuditRecord(
        auditorDecision.id(), AuditRecord.Kind.BLIND_AUDIT, auditorDecision.caseId(), auditorDecision.contentRef(),
        auditorDecision.platformId(), auditorDecision.actorId(), auditorDecision.actorType(), auditorDecision.action(),
        auditorDecision.category(), auditorDecision.reasonCode(), auditorDecision.policyVersion(), auditorDecision.modelVersions(),
        auditorDecision.scores(), auditorDecision.queue(), auditorDecision.waitTimeMillis(), audit.automaticDecision().toString(),
        auditorDecision.decidedAt(), auditorDecision.recordedAt(),
        "Blind audit " + verdict + " the automatic decision. " + Optional.ofNullable(auditorDecision.note()).orElse(""),
        null);
  }
}

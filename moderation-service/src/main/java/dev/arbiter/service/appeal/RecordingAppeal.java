package dev.arbiter.service.appeal;

import dev.arbiter.service.audit.AuditIndex;
import dev.arbiter.service.audit.AuditRecord;
import dev.arbiter.service.content.Cases;
import dev.arbiter.service.decision.Decision;
import dev.arbiter.service.decision.Decisions;
import dev.arbiter.service.queue.QueueItem;
import dev.arbiter.service.queue.ReviewQueues;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Writes what happens to an appeal to the audit index: its filing, each escalation, and its outcome.
 * Every record names the original decision (linkedDecisionId) and the appeal, and carries the original
 * decision's category, so transparency reports count appeals by category. Ids are derived from the
 * appeal (and the decision or job), so a retried job leaves one document.
 */
@Service
public class RecordingAppeal {

  /** The actor of escalations and ineligibility answers: the appeal process itself. */
  public static final String PROCESS_ACTOR = "appeal-process";

  private final Appeals appeals;
  private final Decisions decisions;
  private final Cases cases;
  private final ReviewQueues queues;
  private final AuditIndex audit;
  private final Clock clock;

  public RecordingAppeal(Appeals appeals, Decisions decisions, Cases cases, ReviewQueues queues, AuditIndex audit, Clock clock) {
    this.appeals = appeals;
    this.decisions = decisions;
    this.cases = cases;
    this.queues = queues;
    this.audit = audit;
    this.clock = clock;
  }

  public AuditRecord recordFiling(UUID appealId) {
    Appeal appeal = appeals.find(appealId).orElseThrow();
    Decision original = decisions.find(appeal.decisionId()).orElseThrow();
    return write(record("appeal-filed-" + appealId, AuditRecord.Kind.APPEAL_FILED, appeal, original, appeal.appellantRole().value(),
        AuditRecord.ActorType.HUMAN, "filed", null, null, null, appeal.filedAt(), null, "filed"));
  }

  /** The outcome: the expert's decision, or the process's answer that the appeal was ineligible. */
  public AuditRecord recordOutcome(UUID appealId) {
    Appeal appeal = appeals.find(appealId).orElseThrow();
    Decision original = decisions.find(appeal.decisionId()).orElseThrow();
    if (appeal.outcomeDecisionId() == null) {
      return write(record("appeal-ineligible-" + appealId, AuditRecord.Kind.APPEAL_DECISION, appeal, original, PROCESS_ACTOR,
          AuditRecord.ActorType.AUTOMATED, "ineligible", null, null, null, appeal.filedAt(), appeal.ineligibleReason(), "ineligible"));
    }
    Decision ruling = decisions.find(appeal.outcomeDecisionId()).orElseThrow();
    Optional<QueueItem> item = Optional.ofNullable(ruling.queueItemId()).flatMap(queues::find);
    return write(record(ruling.id().toString(), AuditRecord.Kind.APPEAL_DECISION, appeal, original, ruling.actorId(),
        AuditRecord.ActorType.HUMAN, ruling.action(), ruling.reasonCode(), item.map(QueueItem::queue).orElse(null),
        Duration.between(appeal.filedAt(), ruling.decidedAt()).toMillis(), ruling.decidedAt(), ruling.note(), appeal.status().value()));
  }

  /** An SLA reminder, an escalation by timer, or an expert's escalation. */
  public AuditRecord recordEscalation(UUID appealId, long jobKey, String action, String actorId, String note) {
    Appeal appeal = appeals.find(appealId).orElseThrow();
    Decision original = decisions.find(appeal.decisionId()).orElseThrow();
    Optional<QueueItem> item = Optional.ofNullable(appeal.queueItemId()).flatMap(queues::find);
    Instant now = clock.instant();
    boolean byTimer = PROCESS_ACTOR.equals(actorId);
    return write(record("appeal-escalation-" + appealId + "-" + jobKey, AuditRecord.Kind.ESCALATION, appeal, original, actorId,
        byTimer ? AuditRecord.ActorType.AUTOMATED : AuditRecord.ActorType.HUMAN, action, null, item.map(QueueItem::queue).orElse(null),
        Duration.between(appeal.filedAt(), now).toMillis(), now, note, "escalated"));
  }

  /** The platform was told to restore what the original decision restricted. */
  public AuditRecord recordReversal(Appeal appeal, Decision ruling) {
    Decision original = decisions.find(appeal.decisionId()).orElseThrow();
    return write(record("reversal-" + ruling.id(), AuditRecord.Kind.REVERSAL, appeal, original, ruling.actorId(),
        AuditRecord.ActorType.HUMAN, ReversingEnforcement.RESTORE, ruling.reasonCode(), null, null, clock.instant(),
        "enforcement of " + original.action() + " reversed on appeal", appeal.status().value()));
  }

  private AuditRecord record(
      String id, AuditRecord.Kind kind, Appeal appeal, Decision original, String actorId, AuditRecord.ActorType actorType,
      String action, String reasonCode, String queue, Long waitMillis, Instant at, String note, String outcome) {
    Cases.StoredCase stored = cases.find(appeal.caseId()).orElseThrow();
    return new AuditRecord(
        id,
        kind,
        appeal.caseId().toString(),
        stored.platformId() + "/" + stored.externalId(),
        stored.platformId(),
        actorId,
        actorType,
        action,
        original.category(),
        reasonCode,
        null,
        Map.of(),
        Map.of(),
        queue,
        waitMillis,
        original.id().toString(),
        at,
        clock.instant(),
        note,
        appeal.reply(),
        appeal.id().toString(),
        outcome);
  }

  private AuditRecord write(AuditRecord record) {
    try {
      audit.record(record);
    } catch (IOException e) {
      throw new UncheckedIOException("Audit index unavailable: " + e.getMessage(), e);
    }
    return record;
  }
}

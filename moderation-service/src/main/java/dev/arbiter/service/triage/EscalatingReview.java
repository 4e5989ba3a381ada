package dev.arbiter.service.triage;

import dev.arbiter.service.audit.AuditIndex;
import dev.arbiter.service.audit.AuditRecord;
import dev.arbiter.service.content.Cases;
import dev.arbiter.service.queue.QueueItem;
import dev.arbiter.service.queue.ReviewQueues;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Overdue reviews: at the SLA the item becomes more urgent; at the breach (twice the SLA) it moves to the
 * senior queue at the top priority. Either way the case is never left waiting in silence, and each
 * escalation is an audit record of its own.
 */
@Service
public class EscalatingReview {

  /** The actor of escalations in the audit: the SLA timers of the triage process. */
  public static final String SLA_ACTOR = "sla-timer";

  private final ReviewQueues queues;
  private final Cases cases;
  private final AuditIndex audit;
  private final Clock clock;
  private final String seniorQueue;

  public EscalatingReview(
      ReviewQueues queues, Cases cases, AuditIndex audit, Clock clock, @Value("${arbiter.queue.senior:senior}") String seniorQueue) {
    this.queues = queues;
    this.cases = cases;
    this.audit = audit;
    this.clock = clock;
    this.seniorQueue = seniorQueue;
  }

  /** At the SLA: more urgent, same queue. */
  public Optional<QueueItem> remind(UUID caseId, long jobKey) {
    Optional<QueueItem> waiting = queues.waitingItemOf(caseId);
    waiting.ifPresent(item -> queues.raisePriority(item.id()));
    Optional<QueueItem> after = waiting.flatMap(item -> queues.find(item.id()));
    record(caseId, jobKey, "sla-reminder", after);
    return after;
  }

  /** At the breach: to the senior queue, most urgent. */
  public Optional<QueueItem> moveToSenior(UUID caseId, long jobKey) {
    Optional<QueueItem> waiting = queues.waitingItemOf(caseId);
    waiting.ifPresent(item -> queues.move(item.id(), seniorQueue, 1));
    Optional<QueueItem> after = waiting.flatMap(item -> queues.find(item.id()));
    record(caseId, jobKey, "moved-to-senior", after);
    return after;
  }

  private void record(UUID caseId, long jobKey, String action, Optional<QueueItem> item) {
    Cases.StoredCase stored = cases.find(caseId).orElseThrow();
    AuditRecord escalation =
        new AuditRecord(
            "escalation-" + caseId + "-" + jobKey,
            AuditRecord.Kind.ESCALATION,
            caseId.toString(),
            stored.platformId() + "/" + stored.externalId(),
            stored.platformId(),
            SLA_ACTOR,
            AuditRecord.ActorType.AUTOMATED,
            action,
            null,
            null,
            null,
            Map.of(),
            Map.of(),
            item.map(QueueItem::queue).orElse(null),
            item.map(i -> java.time.Duration.between(i.createdAt(), clock.instant()).toMillis()).orElse(null),
            null,
            clock.instant(),
            clock.instant(),
            item.map(i -> "queue " + i.queue() + ", priority " + i.priority()).orElse("no item was waiting"),
            null);
    try {
      audit.record(escalation);
    } catch (IOException e) {
      throw new UncheckedIOException("Audit index unavailable: " + e.getMessage(), e);
    }
  }
}

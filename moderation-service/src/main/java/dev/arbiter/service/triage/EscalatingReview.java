package dev.arbiter.service.triage;

import dev.arbiter.service.audit.AuditRecord;
import dev.arbiter.service.audit.CaseEvents;
import dev.arbiter.service.audit.CatchingUpAudit;
import dev.arbiter.service.queue.QueueItem;
import dev.arbiter.service.queue.ReviewQueues;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Overdue reviews: at the SLA the item becomes more urgent; at the breach (twice the SLA) it moves to the
 * senior queue at the top priority. Either way the case is never left waiting in silence, and each
 * escalation is a case event and an audit record of its own (written later if Elasticsearch is down).
 */
@Service
public class EscalatingReview {

  /** The actor of escalations in the audit: the SLA timers of the triage process. */
  public static final String SLA_ACTOR = "sla-timer";

  private final ReviewQueues queues;
  private final CatchingUpAudit audit;
  private final Clock clock;
  private final String seniorQueue;

  public EscalatingReview(
      ReviewQueues queues, CatchingUpAudit audit, Clock clock, @Value("${arbiter.queue.senior:senior}") String seniorQueue) {
    this.queues = queues;
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

  /** The escalation as a case event: its id comes from the job, so a retried job records it once. */
  private void record(UUID caseId, long jobKey, String action, Optional<QueueItem> item) {
    audit.record(
        new CaseEvents.CaseEvent(
            UUID.nameUUIDFromBytes(("escalation-" + caseId + "-" + jobKey).getBytes(StandardCharsets.UTF_8)),
            caseId,
            item.map(QueueItem::id).orElse(null),
            SLA_ACTOR,
            AuditRecord.ActorType.AUTOMATED,
            AuditRecord.Kind.ESCALATION,
            action,
            item.map(QueueItem::queue).orElse(null),
            item.map(i -> "queue " + i.queue() + ", priority " + i.priority()).orElse("no item was waiting"),
            clock.instant()));
  }
}

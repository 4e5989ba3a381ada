package dev.arbiter.service.queue;

import dev.arbiter.service.audit.AuditRecord;
import dev.arbiter.service.audit.CaseEvents;
import dev.arbiter.service.audit.CatchingUpAudit;
import dev.arbiter.service.security.ArbiterUser;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/** A reviewer who should not decide a case alone hands it to the senior queue, with a note why. */
@Service
public class EscalatingCase {

  private final ReviewQueues queues;
  private final CatchingUpAudit audit;
  private final Clock clock;
  private final String seniorQueue;

  public EscalatingCase(
      ReviewQueues queues, CatchingUpAudit audit, Clock clock, @Value("${arbiter.queue.senior:senior}") String seniorQueue) {
    this.queues = queues;
    this.audit = audit;
    this.clock = clock;
    this.seniorQueue = seniorQueue;
  }

  /** The item in the senior queue, or empty when the caller holds no live lease on it (or it is an appeal). */
  public Optional<QueueItem> escalate(ArbiterUser reviewer, UUID itemId, String note) {
    Optional<QueueItem> before = queues.find(itemId);
    if (before.isEmpty() || !queues.escalate(itemId, reviewer.subject(), seniorQueue)) {
      return Optional.empty();
    }
    audit.record(
        new CaseEvents.CaseEvent(
            UUID.randomUUID(), before.get().caseId(), itemId, reviewer.subject(), AuditRecord.ActorType.HUMAN,
            AuditRecord.Kind.ESCALATION, "escalated", seniorQueue,
            "from " + before.get().queue() + (note == null || note.isBlank() ? "" : ": " + note), clock.instant()));
    return queues.find(itemId);
  }
}

package dev.arbiter.service.queue;

import dev.arbiter.service.audit.AuditRecord;
import dev.arbiter.service.audit.CaseEvents;
import dev.arbiter.service.audit.CatchingUpAudit;
import dev.arbiter.service.security.ArbiterUser;
import dev.arbiter.service.security.KeycloakDirectory;
import dev.arbiter.service.security.QueueAccess;
import dev.arbiter.service.security.QueueMember;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * A senior moderator gives a waiting or claimed item to a named member of its queue, or moves it to
 * another queue (wrong language, wrong speciality). Both are audited.
 */
@Service
public class ReassigningCase {

  private final ReviewQueues queues;
  private final KeycloakDirectory directory;
  private final QueueAccess queueAccess;
  private final CatchingUpAudit audit;
  private final Clock clock;
  private final Duration lease;

  public ReassigningCase(
      ReviewQueues queues, KeycloakDirectory directory, QueueAccess queueAccess, CatchingUpAudit audit, Clock clock,
      @Value("${arbiter.queue.lease:PT15M}") Duration lease) {
    this.queues = queues;
    this.directory = directory;
    this.queueAccess = queueAccess;
    this.audit = audit;
    this.clock = clock;
    this.lease = lease;
  }

  public sealed interface Outcome {
    record Reassigned(QueueItem item) implements Outcome {}

    record Refused(int status, String reason) implements Outcome {}
  }

  public Outcome toModerator(ArbiterUser senior, UUID itemId, String moderator) {
    QueueItem item = queues.find(itemId).orElse(null);
    Outcome.Refused refused = refusal(senior, item, itemId);
    if (refused != null) {
      return refused;
    }
    List<QueueMember> members = directory.membersOf(QueueAccess.groupPath(item.queue())).orElse(List.of());
    if (members.stream().noneMatch(member -> member.subject().equals(moderator))) {
      return new Outcome.Refused(422, "'" + moderator + "' does not work the queue '" + item.queue() + "'");
    }
    if (!queues.leaseTo(itemId, moderator, lease)) {
      return new Outcome.Refused(409, "Item " + itemId + " is closed, or excludes that moderator (four eyes or their own decision)");
    }
    return recorded(senior, item, "reassigned to moderator " + moderator, item.queue());
  }

  public Outcome toQueue(ArbiterUser senior, UUID itemId, String queue) {
    QueueItem item = queues.find(itemId).orElse(null);
    Outcome.Refused refused = refusal(senior, item, itemId);
    if (refused != null) {
      return refused;
    }
    if (!QueueAccess.isQueueName(queue)) {
      return new Outcome.Refused(422, "'" + queue + "' is not a queue name");
    }
    if (!queues.move(itemId, queue, item.priority())) {
      return new Outcome.Refused(409, "Item " + itemId + " is already closed");
    }
    return recorded(senior, item, "moved to queue " + queue, queue);
  }

  private Outcome.Refused refusal(ArbiterUser senior, QueueItem item, UUID itemId) {
    if (item == null) {
      return new Outcome.Refused(404, "No queue item " + itemId);
    }
    if (!queueAccess.mayWork(senior, item.queue())) {
      return new Outcome.Refused(403, "You do not work the queue '" + item.queue() + "'");
    }
    if (item.kind() == QueueItem.Kind.APPEAL) {
      return new Outcome.Refused(409, "Appeals are reassigned through their own queue");
    }
    return null;
  }

  private Outcome recorded(ArbiterUser senior, QueueItem before, String what, String queue) {
    audit.record(
        new CaseEvents.CaseEvent(
            UUID.randomUUID(), before.caseId(), before.id(), senior.subject(), AuditRecord.ActorType.HUMAN,
            AuditRecord.Kind.REASSIGNMENT, "reassigned", queue, what + " (was " + before.queue() + ")", clock.instant()));
    return new Outcome.Reassigned(queues.find(before.id()).orElseThrow());
  }
}

package dev.arbiter.service.queue;

import dev.arbiter.service.security.AccessDecision;
import dev.arbiter.service.security.AccessLog;
import dev.arbiter.service.security.ArbiterUser;
import dev.arbiter.service.security.QueueAccess;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

/** A moderator asks for the next case of a queue they work, and holds it for a bounded lease. */
@Service
public class ClaimingNextCase {

  private final ReviewQueues queues;
  private final QueueAccess queueAccess;
  private final AccessLog accessLog;
  private final Duration lease;

  public ClaimingNextCase(
      ReviewQueues queues,
      QueueAccess queueAccess,
      AccessLog accessLog,
      @Value("${arbiter.queue.lease:PT15M}") Duration lease) {
    this.queues = queues;
    this.queueAccess = queueAccess;
    this.accessLog = accessLog;
    this.lease = lease;
  }

  public Optional<QueueItem> claimNext(ArbiterUser moderator, String queue) {
    requireQueueAccess(moderator, queue);
    Optional<QueueItem> claimed =
        queues.claimNext(queue, moderator.subject(), List.copyOf(moderator.languages()), lease);
    claimed.ifPresent(
        item -> accessLog.record(AccessDecision.of(moderator, "queue-item/" + item.id(), true, "claimed from " + queue)));
    return claimed;
  }

  public List<QueueCounts> myQueues(ArbiterUser moderator) {
    return moderator.queues().stream().filter(queue -> queueAccess.mayWork(moderator, queue)).map(queues::counts).toList();
  }

  public QueueCounts counts(ArbiterUser moderator, String queue) {
    requireQueueAccess(moderator, queue);
    return queues.counts(queue);
  }

  public List<QueueItem> waiting(ArbiterUser moderator, String queue, ReviewQueues.Filter filter, int limit) {
    requireQueueAccess(moderator, queue);
    return queues.waiting(queue, filter, limit);
  }

  public boolean release(ArbiterUser moderator, java.util.UUID itemId) {
    return queues.release(itemId, moderator.subject());
  }

  private void requireQueueAccess(ArbiterUser moderator, String queue) {
    if (!queueAccess.mayWork(moderator, queue)) {
      accessLog.record(AccessDecision.of(moderator, "queue/" + queue, false, "not a member of the queue's group"));
      throw new AccessDeniedException("You do not work the queue '" + queue + "'");
    }
  }
}

package dev.arbiter.service.triage;

import dev.arbiter.service.queue.QueueItem;
import dev.arbiter.service.queue.ReviewQueues;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Overdue reviews: at the SLA the item becomes more urgent; at the breach (twice the SLA) it moves to the
 * senior queue at the top priority. Either way the case is never left waiting in silence.
 */
@Service
public class EscalatingReview {

  private final ReviewQueues queues;
  private final String seniorQueue;

  public EscalatingReview(ReviewQueues queues, @Value("${arbiter.queue.senior:senior}") String seniorQueue) {
    this.queues = queues;
    this.seniorQueue = seniorQueue;
  }

  /** At the SLA: more urgent, same queue. Returns the item, if one still waits. */
  public Optional<QueueItem> remind(UUID caseId) {
    Optional<QueueItem> waiting = queues.waitingItemOf(caseId);
    waiting.ifPresent(item -> queues.raisePriority(item.id()));
    return waiting.flatMap(item -> queues.find(item.id()));
  }

  /** At the breach: to the senior queue, most urgent. */
  public Optional<QueueItem> moveToSenior(UUID caseId) {
    Optional<QueueItem> waiting = queues.waitingItemOf(caseId);
    waiting.ifPresent(item -> queues.move(item.id(), seniorQueue, 1));
    return waiting.flatMap(item -> queues.find(item.id()));
  }
}

package dev.arbiter.service.triage;

import dev.arbiter.service.decision.Decision;
import dev.arbiter.service.decision.Decisions;
import dev.arbiter.service.queue.NewQueueItem;
import dev.arbiter.service.queue.QueueItem;
import dev.arbiter.service.queue.ReviewQueues;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Puts a case in front of a human: the policy's queue first; a second opinion from someone else when
 * four eyes are needed; the senior queue when the route is escalate or two reviewers disagree.
 */
@Service
public class EnqueuingReview {

  private final ReviewQueues queues;
  private final Decisions decisions;
  private final Clock clock;
  private final String seniorQueue;

  public EnqueuingReview(
      ReviewQueues queues, Decisions decisions, Clock clock, @Value("${arbiter.queue.senior:senior}") String seniorQueue) {
    this.queues = queues;
    this.decisions = decisions;
    this.clock = clock;
    this.seniorQueue = seniorQueue;
  }

  /** @param reviewOutcome null on the first pass, else what review.check said of the last decision */
  public QueueItem enqueue(UUID caseId, String language, Routing routing, String reviewOutcome, long jobKey) {
    List<String> reviewers =
        decisions.ofCase(caseId).stream()
            .filter(d -> d.actorType() == Decision.ActorType.HUMAN)
            .map(Decision::actorId)
            .toList();
    NewQueueItem item;
    if (ReviewOutcome.SECOND_OPINION.value().equals(reviewOutcome)) {
      item = new NewQueueItem(caseId, routing.queue(), QueueItem.Kind.SECOND_OPINION, language, routing.priority(),
          clock.instant().plus(routing.sla()), reviewers, false);
    } else if (ReviewOutcome.DISAGREEMENT.value().equals(reviewOutcome) || "escalate".equals(routing.route())) {
      item = new NewQueueItem(caseId, seniorQueue, QueueItem.Kind.SENIOR_REVIEW, language, Math.max(1, routing.priority() - 1),
          clock.instant().plus(routing.sla()), reviewers, false);
    } else {
      item = new NewQueueItem(caseId, routing.queue(), QueueItem.Kind.REVIEW, language, routing.priority(),
          clock.instant().plus(routing.sla()), List.of(), false);
    }
    return queues.enqueueOnce(item, jobKey);
  }
}

package dev.arbiter.service.triage;

import dev.arbiter.service.decision.Decision;
import dev.arbiter.service.decision.Decisions;
import dev.arbiter.service.queue.QueueItem;
import dev.arbiter.service.queue.ReviewQueues;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Four eyes: on severe categories a first human decision needs a second, independent one; two that
 * agree are final, two that disagree go to a senior moderator, whose decision is final.
 */
@Service
public class CheckingReview {

  private final Decisions decisions;
  private final ReviewQueues queues;

  public CheckingReview(Decisions decisions, ReviewQueues queues) {
    this.decisions = decisions;
    this.queues = queues;
  }

  public ReviewOutcome check(UUID caseId, boolean fourEyes) {
    List<Decision> human =
        decisions.ofCase(caseId).stream().filter(d -> d.actorType() == Decision.ActorType.HUMAN).toList();
    if (human.isEmpty()) {
      throw new IllegalStateException("Case " + caseId + " has no human decision to check");
    }
    Decision last = human.get(human.size() - 1);
    if (!fourEyes || kindOf(last) == QueueItem.Kind.SENIOR_REVIEW) {
      return ReviewOutcome.FINAL;
    }
    if (human.size() == 1) {
      return ReviewOutcome.SECOND_OPINION;
    }
    Decision previous = human.get(human.size() - 2);
    return previous.sameOutcomeAs(last) ? ReviewOutcome.FINAL : ReviewOutcome.DISAGREEMENT;
  }

  private QueueItem.Kind kindOf(Decision decision) {
    return decision.queueItemId() == null
        ? null
        : queues.find(decision.queueItemId()).map(QueueItem::kind).orElse(null);
  }
}

package dev.arbiter.service.blindaudit;

import dev.arbiter.service.queue.NewQueueItem;
import dev.arbiter.service.queue.QueueItem;
import dev.arbiter.service.queue.ReviewQueues;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A sample of automatic decisions goes to a blind-audit queue, where a moderator decides the case without
 * seeing the model's scores or the automatic decision; their agreement measures the automation.
 */
@Service
public class SamplingBlindAudit {

  private final ReviewQueues queues;
  private final BlindAudits blindAudits;

  public SamplingBlindAudit(ReviewQueues queues, BlindAudits blindAudits) {
    this.queues = queues;
    this.blindAudits = blindAudits;
  }

  /**
   * Enqueues a blind item in the policy's audit queue, linked to the automatic decision, when the policy
   * selected the case (routing decides from the case id and the rate, so an auditor can reproduce the sample).
   */
  @Transactional
  public Optional<QueueItem> sample(
      UUID caseId, UUID automaticDecisionId, String language, String auditQueue, boolean selected, long jobKey) {
    if (!selected) {
      return Optional.empty();
    }
    QueueItem item =
        queues.enqueueOnce(
            new NewQueueItem(caseId, auditQueue, QueueItem.Kind.BLIND_AUDIT, language, 5, null, List.of(), true), jobKey);
    blindAudits.sampled(item.id(), caseId, automaticDecisionId);
    return Optional.of(item);
  }
}

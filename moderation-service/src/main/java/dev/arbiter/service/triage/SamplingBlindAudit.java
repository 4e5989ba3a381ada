package dev.arbiter.service.triage;

import dev.arbiter.service.queue.NewQueueItem;
import dev.arbiter.service.queue.QueueItem;
import dev.arbiter.service.queue.ReviewQueues;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.DoubleSupplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * A sample of automatic decisions goes to a blind-audit queue, where a moderator decides the case without
 * seeing the model's scores or the automatic decision; their agreement measures the automation.
 */
@Service
public class SamplingBlindAudit {

  private final ReviewQueues queues;
  private final JdbcClient jdbc;
  private final DoubleSupplier random;
  private final String auditQueue;

  public SamplingBlindAudit(
      ReviewQueues queues,
      JdbcClient jdbc,
      BlindAuditDraw random,
      @Value("${arbiter.queue.blind-audit:blind-audit}") String auditQueue) {
    this.queues = queues;
    this.jdbc = jdbc;
    this.random = random;
    this.auditQueue = auditQueue;
  }

  /** Draws against the policy's rate; a sampled case gets a blind item linked to the automatic decision. */
  public Optional<QueueItem> sample(UUID caseId, UUID automaticDecisionId, String language, double rate, long jobKey) {
    if (rate <= 0 || random.getAsDouble() >= rate) {
      return Optional.empty();
    }
    QueueItem item =
        queues.enqueueOnce(
            new NewQueueItem(caseId, auditQueue, QueueItem.Kind.BLIND_AUDIT, language, 5, null, List.of(), true), jobKey);
    jdbc.sql(
            """
            insert into blind_audits (queue_item_id, case_id, automatic_decision) values (:item, :caseId, :decision)
            on conflict (queue_item_id) do nothing
            """)
        .param("item", item.id())
        .param("caseId", caseId)
        .param("decision", automaticDecisionId)
        .update();
    return Optional.of(item);
  }

  /** The random draw in [0, 1); a bean so that tests can make it certain. */
  public interface BlindAuditDraw extends DoubleSupplier {}
}

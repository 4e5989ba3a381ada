package dev.arbiter.service.review;

import dev.arbiter.policy.taxonomy.ReasonCode;
import dev.arbiter.service.blindaudit.ComparingBlindAudit;
import dev.arbiter.service.decision.Decision;
import dev.arbiter.service.decision.Decisions;
import dev.arbiter.service.decision.ReasonCodes;
import dev.arbiter.service.queue.QueueItem;
import dev.arbiter.service.queue.ReviewQueues;
import dev.arbiter.service.security.ArbiterUser;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.grpc.Status;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A moderator decides a claimed item. The decision is stored first (one per item), then published as
 * message "review-decided" with the decision id as message id: a repeated submit re-publishes the same
 * message, which the engine refuses as a duplicate, so the case is decided once.
 */
@Service
public class DecidingReview {

  public static final String MESSAGE = "review-decided";

  private final ReviewQueues queues;
  private final Decisions decisions;
  private final CamundaClient camunda;
  private final TransactionTemplate transaction;
  private final ReasonCodes reasonCodes;
  private final Clock clock;
  private final Duration messageTtl;
  private final Duration blindAuditMessageTtl;
  private final ComparingBlindAudit comparingBlindAudit;

  public DecidingReview(
      ReviewQueues queues,
      Decisions decisions,
      CamundaClient camunda,
      TransactionTemplate transaction,
      ReasonCodes reasonCodes,
      Clock clock,
      ComparingBlindAudit comparingBlindAudit,
      @Value("${arbiter.review.message-ttl:PT1M}") Duration messageTtl,
      @Value("${arbiter.review.blind-audit-message-ttl:P7D}") Duration blindAuditMessageTtl) {
    this.queues = queues;
    this.decisions = decisions;
    this.camunda = camunda;
    this.transaction = transaction;
    this.reasonCodes = reasonCodes;
    this.clock = clock;
    this.comparingBlindAudit = comparingBlindAudit;
    this.messageTtl = messageTtl;
    this.blindAuditMessageTtl = blindAuditMessageTtl;
  }

  public sealed interface Outcome {
    record Decided(Decision decision) implements Outcome {}

    record Refused(int status, String reason) implements Outcome {}
  }

  public Outcome decide(ArbiterUser moderator, UUID itemId, ReviewDecisionRequest request) {
    Optional<Decision> earlier = decisions.forQueueItem(itemId);
    if (earlier.isPresent()) {
      Decision decision = earlier.get();
      if (!decision.actorId().equals(moderator.subject())) {
        return new Outcome.Refused(409, "Item " + itemId + " was already decided by someone else");
      }
      publish(decision, earlierItem(itemId));
      return new Outcome.Decided(decision);
    }
    Optional<ReasonCode> reason = reasonCodes.find(request.reasonCode());
    if (reason.isEmpty()) {
      return new Outcome.Refused(422, "Unknown reason code '" + request.reasonCode() + "'");
    }
    if (!reason.get().action().equals(request.action())) {
      return new Outcome.Refused(
          422,
          "Reason code " + request.reasonCode() + " leads to '" + reason.get().action() + "', not '" + request.action() + "'");
    }
    Optional<QueueItem> item = queues.find(itemId);
    if (item.isEmpty()) {
      return new Outcome.Refused(404, "No queue item " + itemId);
    }
    Decision decision =
        new Decision(
            UUID.randomUUID(),
            item.get().caseId(),
            itemId,
            moderator.subject(),
            Decision.ActorType.HUMAN,
            request.action(),
            reason.get().category(),
            request.reasonCode(),
            request.note(),
            null,
            clock.instant());
    Boolean closed =
        transaction.execute(
            status -> {
              if (!queues.closeLeased(itemId, moderator.subject(), QueueItem.State.DECIDED)) {
                status.setRollbackOnly();
                return false;
              }
              decisions.insert(decision);
              if (item.get().kind() == QueueItem.Kind.BLIND_AUDIT) {
                comparingBlindAudit.recordVerdict(itemId, decision);
              }
              return true;
            });
    if (!Boolean.TRUE.equals(closed)) {
      return new Outcome.Refused(409, "You do not hold a live lease on item " + itemId + ": claim it again");
    }
    publish(decision, item.get());
    return new Outcome.Decided(decision);
  }

  private QueueItem earlierItem(UUID itemId) {
    return queues.find(itemId).orElseThrow();
  }

  /**
   * A blind audit's process may still be recording the automatic decision (Elasticsearch down, say), so its
   * message waits longer for the process to reach the wait; a review's process is already waiting.
   */
  private void publish(Decision decision, QueueItem item) {
    try {
      camunda
          .newPublishMessageCommand()
          .messageName(MESSAGE)
          .correlationKey(decision.caseId().toString())
          .messageId(decision.id().toString())
          .timeToLive(item.kind() == QueueItem.Kind.BLIND_AUDIT ? blindAuditMessageTtl : messageTtl)
          .variables(Map.of("decision", decision.toVariable()))
          .send()
          .join();
    } catch (ClientStatusException e) {
      if (e.getStatusCode() != Status.Code.ALREADY_EXISTS) {
        throw e;
      }
    }
  }
}

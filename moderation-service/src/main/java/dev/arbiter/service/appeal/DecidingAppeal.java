package dev.arbiter.service.appeal;

import dev.arbiter.policy.taxonomy.ModerationAction;
import dev.arbiter.policy.taxonomy.ReasonCode;
import dev.arbiter.service.content.Cases;
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
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A policy expert decides an appeal they hold: upheld, overturned, or escalate to senior policy. The
 * rules of DSA Art. 20 hold here, whatever the caller's roles: a person decides (never a machine client),
 * never the person who took the original decision or the author of the content. The ruling is stored
 * first (one per queue item), then published as message "appeal-decided" with its id as message id, so
 * a repeated submit re-publishes the same message and the appeal is decided once.
 */
@Service
public class DecidingAppeal {

  public static final String MESSAGE = "appeal-decided";
  public static final String UPHELD = "upheld";
  public static final String OVERTURNED = "overturned";
  public static final String ESCALATE = "escalate";

  private final Appeals appeals;
  private final Decisions decisions;
  private final Cases cases;
  private final ReviewQueues queues;
  private final ReasonCodes reasonCodes;
  private final CamundaClient camunda;
  private final TransactionTemplate transaction;
  private final JdbcClient jdbc;
  private final AppealProperties properties;
  private final Clock clock;

  public DecidingAppeal(
      Appeals appeals,
      Decisions decisions,
      Cases cases,
      ReviewQueues queues,
      ReasonCodes reasonCodes,
      CamundaClient camunda,
      TransactionTemplate transaction,
      JdbcClient jdbc,
      AppealProperties properties,
      Clock clock) {
    this.appeals = appeals;
    this.decisions = decisions;
    this.cases = cases;
    this.queues = queues;
    this.reasonCodes = reasonCodes;
    this.camunda = camunda;
    this.transaction = transaction;
    this.jdbc = jdbc;
    this.properties = properties;
    this.clock = clock;
  }

  /** What the expert decided: the outcome, and for upheld or overturned the decision stored for it. */
  public record Ruling(UUID appealId, String outcome, String reasonCode, String explanation, UUID decisionId, Instant decidedAt) {}

  public sealed interface Outcome {
    record Decided(Ruling ruling) implements Outcome {}

    record Refused(int status, String reason) implements Outcome {}
  }

  public Outcome decide(ArbiterUser expert, UUID appealId, AppealDecisionRequest request) {
    Optional<Appeal> found = appeals.find(appealId);
    if (found.isEmpty()) {
      return new Outcome.Refused(404, "No appeal " + appealId);
    }
    Appeal appeal = found.get();
    Decision original = decisions.find(appeal.decisionId()).orElseThrow();
    Cases.StoredCase stored = cases.find(appeal.caseId()).orElseThrow();
    Optional<String> conflict = conflictOfInterest(expert, original, stored, appeal);
    if (conflict.isPresent()) {
      return new Outcome.Refused(403, conflict.get());
    }
    if (appeal.outcomeDecisionId() != null) {
      return repeat(expert, appeal, request);
    }
    if (appeal.queueItemId() == null || !appeal.isOpen()) {
      return new Outcome.Refused(409, "Appeal " + appealId + " is " + appeal.status().value() + ", not waiting for a decision");
    }
    return switch (request.outcome()) {
      case ESCALATE -> escalate(expert, appeal, request);
      case UPHELD, OVERTURNED -> rule(expert, appeal, original, request);
      default -> new Outcome.Refused(400, "outcome must be upheld, overturned or escalate");
    };
  }

  /** Why this person may not decide this appeal, if they may not. */
  static Optional<String> conflictOfInterest(ArbiterUser expert, Decision original, Cases.StoredCase stored, Appeal appeal) {
    if (expert.platformId().isPresent() || expert.username() == null || expert.username().startsWith("service-account-")) {
      return Optional.of("Appeals are decided by a person, not by a machine client");
    }
    if (expert.subject().equals(original.actorId())) {
      return Optional.of("You took the original decision; another expert must decide the appeal");
    }
    if (expert.subject().equals(stored.authorId()) || expert.subject().equals(appeal.appellantId())) {
      return Optional.of("You are the author of the content under appeal");
    }
    return Optional.empty();
  }

  private Outcome rule(ArbiterUser expert, Appeal appeal, Decision original, AppealDecisionRequest request) {
    Optional<ReasonCode> reason = reasonCodes.find(request.reasonCode());
    if (reason.isEmpty()) {
      return new Outcome.Refused(422, "Unknown reason code '" + request.reasonCode() + "'");
    }
    boolean restricts = reasonCodes.action(reason.get().action()).map(ModerationAction::restricts).orElse(false);
    boolean overturned = OVERTURNED.equals(request.outcome());
    if (overturned == restricts) {
      return new Outcome.Refused(422, overturned
          ? "Reason code " + request.reasonCode() + " restricts content; an overturned decision needs a reason code without violation (such as NO-VIOLATION)"
          : "Reason code " + request.reasonCode() + " states no violation; upholding needs the reason code of the violation");
    }
    Decision ruling =
        new Decision(
            UUID.randomUUID(),
            appeal.caseId(),
            appeal.queueItemId(),
            expert.subject(),
            Decision.ActorType.HUMAN,
            overturned ? reason.get().action() : original.action(),
            reason.get().category(),
            request.reasonCode(),
            request.explanation(),
            null,
            clock.instant());
    Appeal.Status status = overturned ? Appeal.Status.OVERTURNED : Appeal.Status.UPHELD;
    Boolean closed =
        transaction.execute(
            tx -> {
              if (!queues.closeLeased(appeal.queueItemId(), expert.subject(), QueueItem.State.DECIDED)) {
                tx.setRollbackOnly();
                return false;
              }
              decisions.insert(ruling);
              jdbc.sql("update decisions set appeal_of = :original where id = :id")
                  .param("original", original.id())
                  .param("id", ruling.id())
                  .update();
              appeals.setOutcome(appeal.id(), status, ruling.id());
              appeals.addEvent(appeal.id(), ruling.decidedAt(), status.value(), request.explanation(), expert.subject(), ruling.id(), null);
              return true;
            });
    if (!Boolean.TRUE.equals(closed)) {
      return new Outcome.Refused(409, "You do not hold a live lease on the appeal's item " + appeal.queueItemId() + ": claim it again");
    }
    publish(appeal.id(), ruling.id(), request.outcome(), expert.subject(), null);
    return new Outcome.Decided(new Ruling(appeal.id(), request.outcome(), request.reasonCode(), request.explanation(), ruling.id(), ruling.decidedAt()));
  }

  private Outcome escalate(ArbiterUser expert, Appeal appeal, AppealDecisionRequest request) {
    Optional<UUID> earlier = appeals.currentEscalationBy(appeal.id(), expert.subject());
    if (earlier.isPresent()) {
      publish(appeal.id(), earlier.get(), ESCALATE, expert.subject(), request.explanation());
      return new Outcome.Decided(new Ruling(appeal.id(), ESCALATE, request.reasonCode(), request.explanation(), null, null));
    }
    UUID messageId = UUID.randomUUID();
    Instant now = clock.instant();
    Boolean moved =
        transaction.execute(
            tx -> {
              // Atomically: only the lease holder moves the item, and it leaves their hands.
              int updated =
                  jdbc.sql(
                          """
                          update queue_items set queue = :queue, priority = 1, state = 'open', leased_by = null, lease_expires_at = null
                           where id = :id and state = 'leased' and leased_by = :expert and lease_expires_at >= now()
                          """)
                      .param("queue", properties.seniorQueue())
                      .param("id", appeal.queueItemId())
                      .param("expert", expert.subject())
                      .update();
              if (updated != 1) {
                tx.setRollbackOnly();
                return false;
              }
              appeals.setStatus(appeal.id(), Appeal.Status.ESCALATED);
              // The appellant's history says what happened; the expert's reasoning goes to the audit.
              appeals.addEvent(appeal.id(), now, "escalated-by-expert", "referred to senior policy experts", expert.subject(), messageId, null);
              return true;
            });
    if (!Boolean.TRUE.equals(moved)) {
      return new Outcome.Refused(409, "You do not hold a live lease on the appeal's item " + appeal.queueItemId() + ": claim it again");
    }
    publish(appeal.id(), messageId, ESCALATE, expert.subject(), request.explanation());
    return new Outcome.Decided(new Ruling(appeal.id(), ESCALATE, request.reasonCode(), request.explanation(), null, now));
  }

  /** The same expert sending the same outcome again gets the same ruling; anything else is a conflict. */
  private Outcome repeat(ArbiterUser expert, Appeal appeal, AppealDecisionRequest request) {
    Decision ruling = decisions.find(appeal.outcomeDecisionId()).orElseThrow();
    if (!ruling.actorId().equals(expert.subject()) || !appeal.status().value().equals(request.outcome())) {
      return new Outcome.Refused(409, "Appeal " + appeal.id() + " was already decided: " + appeal.status().value());
    }
    publish(appeal.id(), ruling.id(), request.outcome(), expert.subject(), null);
    return new Outcome.Decided(new Ruling(appeal.id(), request.outcome(), ruling.reasonCode(), ruling.note(), ruling.id(), ruling.decidedAt()));
  }

  /** explanation travels only with an escalation, for its audit record; a ruling's is stored with its decision. */
  private void publish(UUID appealId, UUID messageId, String outcome, String expert, String explanation) {
    Map<String, Object> decision = new LinkedHashMap<>(Map.of("id", messageId.toString(), "outcome", outcome, "by", expert));
    if (explanation != null) {
      decision.put("explanation", explanation);
    }
    try {
      camunda
          .newPublishMessageCommand()
          .messageName(MESSAGE)
          .correlationKey(appealId.toString())
          .messageId(messageId.toString())
          .timeToLive(properties.messageTtl())
          .variables(Map.of("appealDecision", decision))
          .send()
          .join();
    } catch (ClientStatusException e) {
      if (e.getStatusCode() != Status.Code.ALREADY_EXISTS) {
        throw e;
      }
    }
  }
}

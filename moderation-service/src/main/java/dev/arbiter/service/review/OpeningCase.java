package dev.arbiter.service.review;

import static dev.arbiter.service.security.Roles.AUDITOR;
import static dev.arbiter.service.security.Roles.SENIOR_MODERATOR;

import dev.arbiter.service.decision.Decision;
import dev.arbiter.service.decision.Decisions;
import dev.arbiter.service.decision.ReasonCodes;
import dev.arbiter.service.queue.QueueItem;
import dev.arbiter.service.queue.ReviewQueues;
import dev.arbiter.service.security.AccessRule;
import dev.arbiter.service.security.ArbiterUser;
import dev.arbiter.service.security.QueueAccess;
import dev.arbiter.service.security.ResourceAccess;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * A reviewer opens the case behind the item they hold. Seniors may look into items of queues they work,
 * auditors into any; nobody else, and every look is in the access log.
 */
@Service
public class OpeningCase {

  private final ReviewQueues queues;
  private final CaseFiles caseFiles;
  private final Decisions decisions;
  private final ReasonCodes reasonCodes;
  private final ResourceAccess access;
  private final QueueAccess queueAccess;
  private final Clock clock;

  public OpeningCase(
      ReviewQueues queues, CaseFiles caseFiles, Decisions decisions, ReasonCodes reasonCodes, ResourceAccess access,
      QueueAccess queueAccess, Clock clock) {
    this.queues = queues;
    this.caseFiles = caseFiles;
    this.decisions = decisions;
    this.reasonCodes = reasonCodes;
    this.access = access;
    this.queueAccess = queueAccess;
    this.clock = clock;
  }

  public Optional<CaseView> open(ArbiterUser user, UUID itemId) {
    return queues.find(itemId).map(item -> view(access.require(user, "queue-item/" + itemId, item, mayOpen()), user));
  }

  public Optional<CaseFiles.Media> media(ArbiterUser user, UUID itemId, int position) {
    return queues.find(itemId)
        .map(item -> access.require(user, "queue-item/" + itemId + "/parts/" + position, item, mayOpen()))
        .flatMap(item -> caseFiles.media(item.caseId(), position));
  }

  private AccessRule<QueueItem> mayOpen() {
    return leaseHolder().or(seniorOfTheQueue()).or(AccessRule.anyRole(AUDITOR));
  }

  private AccessRule<QueueItem> leaseHolder() {
    return (user, item) ->
        item.state() == QueueItem.State.LEASED
                && user.subject().equals(item.leasedBy())
                && item.leaseExpiresAt() != null
                && item.leaseExpiresAt().isAfter(clock.instant())
            ? Optional.of("holds the lease")
            : Optional.empty();
  }

  private AccessRule<QueueItem> seniorOfTheQueue() {
    return (user, item) ->
        user.hasRole(SENIOR_MODERATOR) && queueAccess.mayWork(user, item.queue())
            ? Optional.of("senior moderator of queue " + item.queue())
            : Optional.empty();
  }

  private CaseView view(QueueItem item, ArbiterUser user) {
    boolean blind = item.blind() && !user.hasRole(AUDITOR);
    UUID caseId = item.caseId();
    return new CaseView(
        item,
        caseFiles.summary(caseId).orElseThrow(),
        caseFiles.parts(caseId, item.id()),
        blind ? List.of() : caseFiles.highlights(caseId),
        blind ? null : caseFiles.signals(caseId).orElse(null),
        blind ? null : automaticDecision(caseId),
        caseFiles.history(caseId, !blind),
        reasonCodes.all());
  }

  private Decision automaticDecision(UUID caseId) {
    return decisions.ofCase(caseId).stream()
        .filter(decision -> decision.actorType() == Decision.ActorType.AUTOMATED)
        .findFirst()
        .orElse(null);
  }
}

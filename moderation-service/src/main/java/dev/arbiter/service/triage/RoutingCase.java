package dev.arbiter.service.triage;

import dev.arbiter.policy.routing.Route;
import dev.arbiter.policy.routing.RoutingDecision;
import dev.arbiter.policy.routing.RoutingSignals;
import dev.arbiter.service.decision.Decision;
import dev.arbiter.service.decision.Decisions;
import dev.arbiter.service.decision.ReasonCodes;
import dev.arbiter.service.policy.LivePolicy;
import dev.arbiter.policy.taxonomy.ReasonCode;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Routes a case with the live policy. For allow and remove the policy decides alone and the decision is
 * stored at once, naming the policy version; review and escalate go to people.
 */
@Service
public class RoutingCase {

  /** The actor of automatic decisions in the audit: the routing policy. */
  public static final String POLICY_ACTOR = "routing-policy";

  private final LivePolicy policy;
  private final Decisions decisions;
  private final ReasonCodes reasonCodes;
  private final Clock clock;
  private final String unreadableQueue;

  public RoutingCase(
      LivePolicy policy, Decisions decisions, ReasonCodes reasonCodes, Clock clock,
      @Value("${arbiter.triage.unreadable-queue:unreadable-content}") String unreadableQueue) {
    this.policy = policy;
    this.decisions = decisions;
    this.reasonCodes = reasonCodes;
    this.clock = clock;
    this.unreadableQueue = unreadableQueue;
  }

  public record Routed(Routing routing, Optional<Decision> automaticDecision) {}

  /**
   * @param extractionFailed a file could not be read (encrypted, corrupt, a bomb): the classifiers never saw it
   * @param jobKey makes the automatic decision's id stable across retries of the same job
   */
  public Routed route(UUID caseId, RoutingSignals signals, boolean extractionFailed, long jobKey) {
    RoutingDecision decided = policy.evaluate(caseId.toString(), signals);
    if (extractionFailed && decided.route() == Route.ALLOW) {
      return new Routed(unreadable(decided), Optional.empty());
    }
    Routing routing =
        new Routing(
            decided.route().name().toLowerCase(java.util.Locale.ROOT),
            decided.queue(),
            decided.priority(),
            decided.sla(),
            decided.fourEyes(),
            decided.blindAuditRate(),
            decided.selectsForBlindAudit(caseId.toString()),
            decided.reasonCode(),
            decided.category(),
            decided.policy().label(),
            decided.ruleId());
    if (decided.route() != Route.ALLOW && decided.route() != Route.REMOVE) {
      return new Routed(routing, Optional.empty());
    }
    String action =
        decided.route() == Route.ALLOW
            ? "allow"
            : reasonCodes.find(decided.reasonCode()).map(ReasonCode::action).orElse("remove");
    Decision decision =
        new Decision(
            UUID.nameUUIDFromBytes(("automatic:" + caseId + ":" + jobKey).getBytes(java.nio.charset.StandardCharsets.UTF_8)),
            caseId,
            null,
            POLICY_ACTOR,
            Decision.ActorType.AUTOMATED,
            action,
            decided.category(),
            decided.reasonCode(),
            "rule " + decided.ruleId(),
            decided.policy().label(),
            clock.instant());
    decisions.insert(decision);
    return new Routed(routing, decisions.find(decision.id()));
  }

  /** Allowing what nobody could read would be a blind allow: a person looks at the files instead. */
  private Routing unreadable(RoutingDecision decided) {
    return new Routing(
        "review", unreadableQueue, 2, java.time.Duration.ofHours(24), false, 0.0, false, "NEEDS-ASSESSMENT", null,
        decided.policy().label(), "unreadable-content");
  }
}

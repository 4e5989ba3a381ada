package dev.arbiter.service.policy;

import dev.arbiter.policy.PolicyLibrary;
import dev.arbiter.policy.backtest.ShadowEvaluation;
import dev.arbiter.policy.change.PolicyChangeException;
import dev.arbiter.policy.change.PolicyDraft;
import dev.arbiter.policy.change.PolicyVersion;
import dev.arbiter.policy.routing.RoutingDecision;
import dev.arbiter.policy.routing.RoutingSignals;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Routes cases with the published policy. Every evaluation reads the live version number from the store, so a
 * publish or rollback on another replica takes effect at the next case; versions and drafts are immutable, so
 * their content is cached by number and id and compiled once per content hash.
 */
@Component
public class LivePolicy {

  private static final Logger log = LoggerFactory.getLogger(LivePolicy.class);

  private final JdbcPolicyStore store;
  private final PolicyLibrary library;
  private final Clock clock = Clock.systemUTC();
  private final Map<Integer, PolicyVersion> versions = new ConcurrentHashMap<>();
  private final Map<String, PolicyDraft> drafts = new ConcurrentHashMap<>();

  public LivePolicy(JdbcPolicyStore store, PolicyLibrary library) {
    this.store = store;
    this.library = library;
  }

  /** The live policy's decision; it names the version that made it. */
  public RoutingDecision evaluate(RoutingSignals signals) {
    return decide(store.liveState(), signals);
  }

  /** The live decision for a case; drafts in shadow mode decide it too, and what they would have done is recorded. */
  public RoutingDecision evaluate(String caseId, RoutingSignals signals) {
    JdbcPolicyStore.LiveState state = store.liveState();
    RoutingDecision live = decide(state, signals);
    for (String draftId : state.shadowDrafts()) {
      try {
        PolicyDraft draft = drafts.computeIfAbsent(draftId, id -> store.draft(id).orElseThrow());
        RoutingDecision shadow = library.compiled(draft).evaluate(signals, draft.ref());
        store.recordShadow(new ShadowEvaluation(caseId, draftId, live, shadow, clock.instant()));
      } catch (RuntimeException failed) {
        // A draft must never disturb live routing: its failure is logged, the live decision stands.
        log.warn("shadow evaluation of policy change {} failed for case {}: {}", draftId, caseId, failed.getMessage());
      }
    }
    return live;
  }

  private RoutingDecision decide(JdbcPolicyStore.LiveState state, RoutingSignals signals) {
    if (state.liveVersion() == null) {
      throw new PolicyChangeException("no policy is published yet");
    }
    PolicyVersion version = versions.computeIfAbsent(state.liveVersion(), number -> store.version(number).orElseThrow());
    return library.compiled(version).evaluate(signals, version.ref());
  }
}
